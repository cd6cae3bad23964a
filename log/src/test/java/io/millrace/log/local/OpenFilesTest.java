package io.millrace.log.local;

import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The store keeps a bounded number of segment files open, and deleting a stream really frees its disk. */
class OpenFilesTest {
    private static final LocalLogConfig BOUNDED = LocalLogConfig.builder().durability(Durability.NONE)
            .maxSegmentBytes(2048).maxOpenFiles(8).build();

    @TempDir
    Path dataDir;

    @Test
    void manyShardsWithManySegmentsNeverKeepMoreThanMaxOpenFilesOpen() {
        try (LocalLogStore store = LocalLogStore.open(dataDir, BOUNDED)) {
            List<ShardLog> logs = new ArrayList<>();
            for (int shard = 0; shard < 60; shard++) {
                ShardLog log = store.openShard("s" + shard % 6, shard);
                logs.add(log);
                for (int batch = 0; batch < 12; batch++) {
                    log.append(LocalLogStoreTest.records(batch, 2, 100), batch);
                    assertThat(store.openSegmentFiles()).isLessThanOrEqualTo(8);
                }
            }
            for (ShardLog log : logs) {
                List<StoredRecord> all = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).records();
                assertThat(all).hasSize(24);
                assertThat(all.get(23).partitionKey()).isEqualTo("r11-1");
                assertThat(log.positionForTimestamp(6)).isEqualTo(12);
                assertThat(store.openSegmentFiles()).isLessThanOrEqualTo(8);
            }
            assertThat(((SegmentedShardLog) logs.get(0)).segmentCount()).isGreaterThan(1);
        }
    }

    @Test
    void concurrentWritersAndReadersOfMoreShardsThanOpenFilesSeeEveryRecord() throws Exception {
        LocalLogConfig tiny = LocalLogConfig.builder().durability(Durability.FSYNC).maxSegmentBytes(1024)
                .maxOpenFiles(2).build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (LocalLogStore store = LocalLogStore.open(dataDir, tiny)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int shard = 0; shard < 6; shard++) {
                ShardLog log = store.openShard("s", shard);
                tasks.add(pool.submit(() -> writeThenReadBack(log)));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            assertThat(store.openSegmentFiles()).isLessThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeThenReadBack(ShardLog log) {
        for (int batch = 0; batch < 40; batch++) {
            log.append(List.of(new LogRecord("k" + batch, new byte[60])), batch).durable().join();
            List<StoredRecord> tail = log.read(batch / 2, Integer.MAX_VALUE, Long.MAX_VALUE).records();
            assertThat(tail).hasSize(batch + 1 - batch / 2);
            assertThat(tail.get(tail.size() - 1).partitionKey()).isEqualTo("k" + batch);
        }
    }

    @Test
    void deletingAStreamLeavesNoDescriptorOnItsFilesSoItsDiskIsFree() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeThat(Files.isDirectory(fds)).as("needs /proc/self/fd (Linux) to see open descriptors").isTrue();
        try (LocalLogStore store = LocalLogStore.open(dataDir, BOUNDED)) {
            for (int shard = 0; shard < 3; shard++) {
                ShardLog log = store.openShard("gone", shard);
                for (int batch = 0; batch < 10; batch++) {
                    log.append(LocalLogStoreTest.records(batch, 2, 100), batch);
                }
                log.read(0, 5, Long.MAX_VALUE);
            }
            Path streamDir = dataDir.resolve("streams/gone").toRealPath();
            assertThat(descriptorsUnder(fds, streamDir)).isNotEmpty();
            store.deleteStream("gone");
            assertThat(descriptorsUnder(fds, streamDir)).isEmpty();
            assertThat(streamDir).doesNotExist();
        }
    }

    private static List<String> descriptorsUnder(Path fds, Path dir) throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith(dir.toString())) {
                        targets.add(target);
                    }
                } catch (IOException e) {
                    // the descriptor closed while we looked (the listing's own, for one)
                }
            }
        }
        return targets;
    }
}
