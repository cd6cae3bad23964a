package io.millrace.log.local;

import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index checkpoints: a clean restart reads no batch, a crash costs only the newest segment's tail, and an index
 * that is damaged or stale is rebuilt, never trusted.
 */
class IndexCheckpointTest {
    private static final LocalLogConfig CONFIG = LocalLogConfig.builder()
            .durability(Durability.NONE).maxSegmentBytes(4096).indexIntervalBytes(512).build();

    @TempDir
    Path dataDir;

    @Test
    void aCleanRestartTrustsEverySegmentsIndexAndReadsNoBatch() {
        List<StoredRecord> written = writeSegments(3);
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(store.recoveryCounters().segmentsScanned()).isZero();
            assertThat(store.recoveryCounters().bytesScanned()).isZero();
            assertThat(store.recoveryCounters().segmentsTrusted()).isEqualTo(segmentCount());
            assertSameRecords(log, written);
            assertThat(log.positionForTimestamp(written.get(written.size() / 2).arrivalMs()))
                    .isEqualTo(firstArrivingAtOrAfter(written, written.get(written.size() / 2).arrivalMs()));
        }
    }

    @Test
    void afterACrashOnlyTheNewestSegmentsTailIsRead() throws IOException {
        List<StoredRecord> written = writeSegments(3);
        Path newest = newestSegment();
        long checkpointed = LogRecoveryTest.checkpointedBytes(newest);
        // What the "killed" process appended after the checkpoint: a copy of a later batch is not valid there,
        // so make a real one by appending, then cut the store off without a clean close of the index.
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            store.openShard("s", 0).append(LocalLogStoreTest.records(99, 2, 10), 10_000);
            Files.copy(newest, dataDir.resolve("tail-copy"));
        }
        Files.move(dataDir.resolve("tail-copy"), newest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        writeIndexCovering(newest, checkpointed);
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(store.recoveryCounters().segmentsScanned()).isEqualTo(1);
            assertThat(store.recoveryCounters().bytesScanned()).isEqualTo(Files.size(newest) - checkpointed);
            assertThat(log.endPosition()).isEqualTo(written.size() + 2);
        }
    }

    @Test
    void aDamagedIndexIsRebuiltAndNeverTrusted() throws IOException {
        Random random = new Random(11);
        List<StoredRecord> written = writeSegments(4);
        for (int round = 0; round < 30; round++) {
            Path index = randomIndexFile(random);
            byte[] bytes = Files.readAllBytes(index);
            if (random.nextBoolean()) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                Files.write(index, bytes);
            } else {
                try (FileChannel channel = FileChannel.open(index, StandardOpenOption.WRITE)) {
                    channel.truncate(random.nextInt(bytes.length));
                }
            }
            try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
                ShardLog log = store.openShard("s", 0);
                assertThat(store.recoveryCounters().segmentsScanned()).as("round " + round).isEqualTo(1);
                assertSameRecords(log, written);
            }
            try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
                store.openShard("s", 0);
                assertThat(store.recoveryCounters().segmentsScanned()).as("rebuilt index is trusted").isZero();
            }
        }
    }

    @Test
    void anIndexCoveringLessThanItsSealedSegmentIsRebuilt() throws IOException {
        List<StoredRecord> written = writeSegments(3);
        Path first = LocalLogStoreTest.segmentFiles(shardDir()).get(0);
        writeIndexCovering(first, SegmentDescriptor.HEADER_LENGTH);
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(store.recoveryCounters().segmentsScanned()).isEqualTo(1);
            assertSameRecords(log, written);
        }
    }

    @Test
    void aMissingIndexIsRebuiltFromTheSegment() throws IOException {
        List<StoredRecord> written = writeSegments(3);
        Path first = LocalLogStoreTest.segmentFiles(shardDir()).get(0);
        Files.delete(IndexFile.pathFor(first, 0));
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            assertSameRecords(store.openShard("s", 0), written);
            assertThat(store.recoveryCounters().segmentsScanned()).isEqualTo(1);
        }
        assertThat(IndexFile.pathFor(first, 0)).exists();
    }

    @Test
    void trimmingASegmentDeletesItsIndex() throws IOException {
        writeSegments(3);
        Path first = LocalLogStoreTest.segmentFiles(shardDir()).get(0);
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            store.openShard("s", 0).trimOlderThan(Long.MAX_VALUE);
        }
        assertThat(first).doesNotExist();
        assertThat(IndexFile.pathFor(first, 0)).doesNotExist();
    }

    @Test
    void aSegmentSealedByARollGetsItsIndexAtOnceWhenDurabilityMatters() throws IOException {
        LocalLogConfig fsync = LocalLogConfig.builder().durability(Durability.INTERVAL).maxSegmentBytes(4096)
                .indexIntervalBytes(512).build();
        try (LocalLogStore store = LocalLogStore.open(dataDir, fsync)) {
            ShardLog log = store.openShard("s", 0);
            for (int batch = 0; ((SegmentedShardLog) log).segmentCount() < 2; batch++) {
                log.append(LocalLogStoreTest.records(batch, 2, 90), 1000 + batch);
            }
            Path sealed = LocalLogStoreTest.segmentFiles(shardDir()).get(0);
            assertThat(LogRecoveryTest.checkpointedBytes(sealed)).isEqualTo(Files.size(sealed));
            assertThat(IndexFile.pathFor(newestSegment(), ((SegmentedShardLog) log).activeBasePosition()))
                    .doesNotExist();
        }
    }

    @Test
    void theFlusherCheckpointsTheActiveSegmentSoACrashLeavesABoundedTailToVerify() throws IOException {
        LocalLogConfig fsync = LocalLogConfig.builder().durability(Durability.FSYNC).build();
        Path live = dataDir.resolve("live");
        Path crashed = dataDir.resolve("crashed");
        long bytesBeforeLastAppend;
        try (LocalLogStore store = LocalLogStore.open(live, fsync)) {
            ShardLog log = store.openShard("s", 0);
            byte[] mebibyte = new byte[1 << 20];
            for (int i = 0; i * (1L << 20) <= SegmentedShardLog.CHECKPOINT_INTERVAL_BYTES; i++) {
                log.append(List.of(new io.millrace.log.LogRecord("k", mebibyte)), i).durable().join();
            }
            bytesBeforeLastAppend = Files.size(newestSegmentIn(live));
            // The flusher checkpoints after the force that settled the last append; the next force comes after.
            log.append(List.of(new io.millrace.log.LogRecord("k", new byte[10])), 99).durable().join();
            LogRecoveryTest.copyTree(live, crashed);
        }
        long checkpointed = LogRecoveryTest.checkpointedBytes(newestSegmentIn(crashed));
        assertThat(checkpointed).isGreaterThan(SegmentDescriptor.HEADER_LENGTH)
                .isGreaterThan(bytesBeforeLastAppend - SegmentedShardLog.CHECKPOINT_INTERVAL_BYTES);
        try (LocalLogStore store = LocalLogStore.open(crashed, fsync)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(store.recoveryCounters().bytesScanned())
                    .isEqualTo(Files.size(newestSegmentIn(crashed)) - checkpointed)
                    .isLessThanOrEqualTo(SegmentedShardLog.CHECKPOINT_INTERVAL_BYTES);
            assertThat(log.endPosition()).isEqualTo(SegmentedShardLog.CHECKPOINT_INTERVAL_BYTES / (1 << 20) + 2);
        }
    }

    @Test
    void inNoneModeACrashLeavesOnlyTheActiveSegmentsUncheckpointedTailToVerify() throws IOException {
        long segmentBytes = SegmentedShardLog.CHECKPOINT_INTERVAL_BYTES * 3 / 2;
        LocalLogConfig none = LocalLogConfig.builder().durability(Durability.NONE).maxSegmentBytes(segmentBytes)
                .build();
        Path live = dataDir.resolve("live");
        Path crashed = dataDir.resolve("crashed");
        byte[] mebibyte = new byte[1 << 20];
        long appended = 0;
        try (LocalLogStore store = LocalLogStore.open(live, none)) {
            ShardLog log = store.openShard("s", 0);
            // Two sealed segments, then more than one checkpoint interval into the third.
            while (((SegmentedShardLog) log).segmentCount() < 3
                    || Files.size(newestSegmentIn(live)) < SegmentedShardLog.CHECKPOINT_INTERVAL_BYTES + (1 << 20)) {
                assertThat(log.append(List.of(new io.millrace.log.LogRecord("k", mebibyte)), appended).durable())
                        .as("acknowledged at once, no force on the way").isDone();
                appended++;
            }
            log.append(List.of(new io.millrace.log.LogRecord("k", new byte[10])), appended++);
            store.awaitBackgroundCheckpoints();
            LogRecoveryTest.copyTree(live, crashed); // what kill -9 leaves: no close, no final checkpoint
        }
        Path newest = newestSegmentIn(crashed);
        long checkpointed = LogRecoveryTest.checkpointedBytes(newest);
        assertThat(checkpointed).isGreaterThanOrEqualTo(SegmentedShardLog.CHECKPOINT_INTERVAL_BYTES);
        try (LocalLogStore store = LocalLogStore.open(crashed, none)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(store.recoveryCounters().segmentsTrusted()).as("both sealed segments").isEqualTo(2);
            assertThat(store.recoveryCounters().segmentsScanned()).isEqualTo(1);
            assertThat(store.recoveryCounters().bytesScanned()).isEqualTo(Files.size(newest) - checkpointed)
                    .isLessThan(SegmentedShardLog.CHECKPOINT_INTERVAL_BYTES);
            assertThat(log.endPosition()).isEqualTo(appended);
            assertThat(log.read(appended - 1, 1, Long.MAX_VALUE).records().get(0).data()).hasSize(10);
        }
    }

    private static Path newestSegmentIn(Path dataDir) throws IOException {
        List<Path> segments = LocalLogStoreTest.segmentFiles(dataDir.resolve("streams/s/000000000000"));
        return segments.get(segments.size() - 1);
    }

    /** Appends until the shard has at least {@code segments} segments; returns what was written. */
    private List<StoredRecord> writeSegments(int segments) {
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            ShardLog log = store.openShard("s", 0);
            for (int batch = 0; ((SegmentedShardLog) log).segmentCount() < segments; batch++) {
                log.append(LocalLogStoreTest.records(batch, 1 + batch % 3, 90), 1000 + batch * 3L);
            }
            return log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).records();
        }
    }

    private static void assertSameRecords(ShardLog log, List<StoredRecord> written) {
        List<String> expected = written.stream().map(IndexCheckpointTest::describe).toList();
        assertThat(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).records().stream()
                .map(IndexCheckpointTest::describe).toList()).isEqualTo(expected);
        for (int i = 0; i < written.size(); i += 7) {
            assertThat(log.read(written.get(i).position(), 1, Long.MAX_VALUE).records().stream()
                    .map(IndexCheckpointTest::describe).toList()).containsExactly(expected.get(i));
        }
    }

    private static String describe(StoredRecord record) {
        return record.position() + "@" + record.arrivalMs() + ":" + record.partitionKey() + "="
                + java.util.Arrays.hashCode(record.data()) + "/" + record.data().length;
    }

    private static long firstArrivingAtOrAfter(List<StoredRecord> records, long timestampMs) {
        return records.stream().filter(r -> r.arrivalMs() >= timestampMs).findFirst().orElseThrow().position();
    }

    /** Rewrites the index of {@code segment} so it covers only its first {@code bytes} (rebuilt by scanning). */
    private static void writeIndexCovering(Path segment, long bytes) throws IOException {
        long base = SegmentDescriptor.parseFileName(segment.getFileName().toString());
        SparseIndex index = new SparseIndex(512);
        LogRecovery.ScanResult scan;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            scan = LogRecovery.scan(channel, bytes, SegmentDescriptor.HEADER_LENGTH, base, -1, true, index);
        }
        IndexFile.write(IndexFile.pathFor(segment, base), base, scan.validBytes(), scan.endPosition(),
                scan.lastArrivalMs(), index.entries());
    }

    private Path randomIndexFile(Random random) throws IOException {
        List<Path> segments = LocalLogStoreTest.segmentFiles(shardDir());
        Path segment = segments.get(random.nextInt(segments.size()));
        return IndexFile.pathFor(segment, SegmentDescriptor.parseFileName(segment.getFileName().toString()));
    }

    private long segmentCount() {
        try {
            return LocalLogStoreTest.segmentFiles(shardDir()).size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path newestSegment() throws IOException {
        List<Path> segments = LocalLogStoreTest.segmentFiles(shardDir());
        return segments.get(segments.size() - 1);
    }

    private Path shardDir() {
        return dataDir.resolve("streams/s/000000000000");
    }
}
