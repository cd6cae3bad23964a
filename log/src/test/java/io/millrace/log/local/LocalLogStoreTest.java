package io.millrace.log.local;

import io.millrace.log.AppendResult;
import io.millrace.log.AppendedBatch;
import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local store on a real directory: layout, rolling, reopening, group commit, write failures. */
class LocalLogStoreTest {
    private static final LocalLogConfig SMALL_SEGMENTS = LocalLogConfig.builder()
            .maxSegmentBytes(4096).indexIntervalBytes(512).build();

    @TempDir
    Path dataDir;

    @Test
    void segmentsRollBeforeTheyWouldExceedMaxSegmentBytes() throws IOException {
        try (LocalLogStore store = LocalLogStore.open(dataDir, SMALL_SEGMENTS)) {
            ShardLog log = store.openShard("orders-1", 3);
            for (int i = 0; i < 40; i++) {
                log.append(records(i, 5, 100), 1000 + i);
            }
        }
        Path shardDir = dataDir.resolve("streams/orders-1/000000000003");
        List<Path> segments = segmentFiles(shardDir);
        assertThat(segments).hasSizeGreaterThan(5);
        assertThat(segments.get(0).getFileName().toString()).isEqualTo("00000000000000000000.log");
        for (Path segment : segments) {
            assertThat(Files.size(segment)).isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void aBatchLargerThanASegmentGetsASegmentOfItsOwn() {
        try (LocalLogStore store = LocalLogStore.open(dataDir, SMALL_SEGMENTS)) {
            ShardLog log = store.openShard("s", 0);
            log.append(records(0, 1, 100), 1);
            log.append(records(1, 10, 1000), 2);
            log.append(records(2, 1, 100), 3);
            assertThat(log.read(0, 100, Long.MAX_VALUE).records()).hasSize(12);
        }
    }

    @Test
    void reopeningAfterACleanCloseReturnsEverything() throws Exception {
        List<StoredRecord> written = new ArrayList<>();
        try (LocalLogStore store = LocalLogStore.open(dataDir, SMALL_SEGMENTS)) {
            ShardLog log = store.openShard("s", 0);
            for (int i = 0; i < 50; i++) {
                AppendedBatch result = log.append(records(i, 3, 70 + i), 1000 + i * 10L).durable()
                        .get(10, TimeUnit.SECONDS);
                for (int r = 0; r < 3; r++) {
                    LogRecord record = records(i, 3, 70 + i).get(r);
                    written.add(new StoredRecord(result.position(r), result.arrivalMs(r),
                            record.partitionKey(), record.data()));
                }
            }
        }
        try (LocalLogStore store = LocalLogStore.open(dataDir, SMALL_SEGMENTS)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(log.endPosition()).isEqualTo(150);
            assertThat(log.lastArrivalMs()).isEqualTo(1490);
            assertThat(log.read(0, 1000, Long.MAX_VALUE).records())
                    .usingRecursiveFieldByFieldElementComparator().isEqualTo(written);
            assertThat(log.positionForTimestamp(1255)).isEqualTo(78);
            assertThat(log.append(records(99, 1, 1), 0).durable().join().firstPosition()).isEqualTo(150);
        }
    }

    @Test
    void aLogWhoseNewestSegmentIsEmptyKeepsItsLastArrivalAcrossReopen() throws IOException {
        try (LocalLogStore store = LocalLogStore.open(dataDir, SMALL_SEGMENTS)) {
            ShardLog log = store.openShard("s", 0);
            for (int i = 0; i < 20; i++) {
                log.append(records(i, 3, 100), 5000 + i);
            }
            log.trimOlderThan(Long.MAX_VALUE);
        }
        Path shardDir = dataDir.resolve("streams/s/000000000000");
        List<Path> segments = segmentFiles(shardDir);
        // Leave only an empty newest segment, as after a crash right after a roll and a trim of the rest.
        Path newest = segments.get(segments.size() - 1);
        try (var channel = java.nio.channels.FileChannel.open(newest, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(SegmentDescriptor.HEADER_LENGTH);
        }
        long base = SegmentDescriptor.parseFileName(newest.getFileName().toString());
        try (LocalLogStore store = LocalLogStore.open(dataDir, SMALL_SEGMENTS)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(log.endPosition()).isEqualTo(base);
            assertThat(log.startPosition()).isEqualTo(base);
            assertThat(log.lastArrivalMs()).isBetween(5000L, 5019L);
        }
    }

    @Test
    void groupCommitCompletesEveryFutureOfConcurrentWritersAndEverythingSurvivesReopen() throws Exception {
        int threads = 8;
        int appendsPerThread = 150;
        int shards = 4;
        List<CompletableFuture<AppendedBatch>> futures = new ArrayList<>();
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CompletableFuture<AppendedBatch>>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<AppendedBatch>> mine = new ArrayList<>();
                    for (int i = 0; i < appendsPerThread; i++) {
                        ShardLog log = store.openShard("busy", (thread + i) % shards);
                        mine.add(log.append(List.of(new LogRecord("t" + thread + "-" + i, new byte[200]),
                                new LogRecord("t" + thread + "-" + i + "b", new byte[10])), 1).durable());
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<CompletableFuture<AppendedBatch>>> result : results) {
                futures.addAll(result.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertThat(futures).hasSize(threads * appendsPerThread).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            long total = 0;
            for (int shard = 0; shard < shards; shard++) {
                ShardLog log = store.openShard("busy", shard);
                List<StoredRecord> records = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).records();
                assertThat(records).hasSize((int) log.endPosition());
                for (int i = 0; i < records.size(); i += 2) {
                    assertThat(records.get(i + 1).partitionKey()).isEqualTo(records.get(i).partitionKey() + "b");
                }
                total += records.size();
            }
            assertThat(total).isEqualTo(2L * threads * appendsPerThread);
        }
    }

    @Test
    void intervalAndNoneModesCompleteAtOnceAndStillPersistOnClose() throws Exception {
        for (Durability durability : List.of(Durability.INTERVAL, Durability.NONE)) {
            Path dir = dataDir.resolve(durability.name());
            LocalLogConfig config = LocalLogConfig.builder().durability(durability).flushIntervalMs(5)
                    .maxSegmentBytes(2048).build();
            try (LocalLogStore store = LocalLogStore.open(dir, config)) {
                ShardLog log = store.openShard("s", 0);
                for (int i = 0; i < 30; i++) {
                    assertThat(log.append(records(i, 2, 100), i).durable()).isDone();
                }
            }
            try (LocalLogStore store = LocalLogStore.open(dir, config)) {
                assertThat(store.openShard("s", 0).endPosition()).as(durability.name()).isEqualTo(60);
            }
        }
    }

    @Test
    void aFailedWriteIsNotVisibleAndTheLogStaysAppendable() throws Exception {
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            ShardLog log = store.openShard("s", 0);
            log.append(records(0, 2, 50), 1).durable().get(10, TimeUnit.SECONDS);
            // An interrupted thread makes FileChannel.write fail and close the channel: a real write failure.
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> log.append(records(1, 2, 50), 2))
                        .isInstanceOfSatisfying(StorageException.class,
                                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.IO));
            } finally {
                Thread.interrupted();
            }
            assertThat(log.endPosition()).isEqualTo(2);
            assertThat(log.read(0, 100, Long.MAX_VALUE).records()).hasSize(2);
            AppendResult after = log.append(records(2, 3, 50), 3);
            assertThat(after.durable().get(10, TimeUnit.SECONDS).firstPosition()).isEqualTo(2);
        }
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            List<StoredRecord> records = store.openShard("s", 0).read(0, 100, Long.MAX_VALUE).records();
            assertThat(records).extracting(StoredRecord::partitionKey)
                    .containsExactly("r0-0", "r0-1", "r2-0", "r2-1", "r2-2");
        }
    }

    @Test
    void aReaderInterruptedDuringARereadDoesNotBreakTheLog() {
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            ShardLog log = store.openShard("s", 0);
            log.append(records(0, 2, 50), 1);
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> log.read(0, 10, Long.MAX_VALUE)).isInstanceOf(StorageException.class);
            } finally {
                Thread.interrupted();
            }
            assertThat(log.read(0, 10, Long.MAX_VALUE).records()).hasSize(2);
            log.append(records(1, 1, 50), 2);
            assertThat(log.endPosition()).isEqualTo(3);
        }
    }

    @Test
    void deleteStreamClosesItsLogsAndRemovesItsDirectory() {
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            ShardLog log = store.openShard("gone", 0);
            store.openShard("kept", 0).append(records(0, 1, 1), 1);
            log.append(records(0, 1, 1), 1);
            store.deleteStream("gone");
            assertThat(dataDir.resolve("streams/gone")).doesNotExist();
            assertThatThrownBy(() -> log.append(records(1, 1, 1), 2)).isInstanceOf(StorageException.class);
            assertThat(store.openShard("gone", 0).endPosition()).isZero();
            assertThat(store.openShard("kept", 0).endPosition()).isEqualTo(1);
        }
    }

    @Test
    void openingAShardTwiceReturnsTheSameLog() {
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            assertThat(store.openShard("s", 1)).isSameAs(store.openShard("s", 1));
        }
    }

    @Test
    void streamKeysThatAreNotSafeDirectoryNamesAreRejected() {
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            for (String bad : List.of("", ".", "..", "a/b", "../x", "a b", "x".repeat(201))) {
                assertThatThrownBy(() -> store.openShard(bad, 0)).as(bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> store.openShard("ok", -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aDataDirectoryCannotBeOpenedTwice() {
        try (LocalLogStore store = LocalLogStore.open(dataDir, LocalLogConfig.defaults())) {
            assertThatThrownBy(() -> LocalLogStore.open(dataDir, LocalLogConfig.defaults()))
                    .isInstanceOf(StorageException.class).hasMessageContaining("already open");
        }
        LocalLogStore.open(dataDir, LocalLogConfig.defaults()).close();
    }

    @Test
    void aDamagedSealedSegmentWithoutATrustedIndexIsReportedAsCorrupt() throws IOException {
        try (LocalLogStore store = LocalLogStore.open(dataDir, SMALL_SEGMENTS)) {
            ShardLog log = store.openShard("s", 0);
            for (int i = 0; i < 20; i++) {
                log.append(records(i, 5, 100), i);
            }
        }
        Path first = segmentFiles(dataDir.resolve("streams/s/000000000000")).get(0);
        byte[] bytes = Files.readAllBytes(first);
        bytes[SegmentDescriptor.HEADER_LENGTH + BatchDescriptor.BASE_POSITION_OFFSET] ^= 1;
        Files.write(first, bytes);
        // A flipped byte of the index makes it untrusted, so the segment is scanned and the damage found.
        Path index = IndexFile.pathFor(first, 0);
        byte[] indexBytes = Files.readAllBytes(index);
        indexBytes[IndexFileDescriptor.HEADER_LENGTH] ^= 1;
        Files.write(index, indexBytes);
        try (LocalLogStore store = LocalLogStore.open(dataDir, SMALL_SEGMENTS)) {
            assertThatThrownBy(() -> store.openShard("s", 0)).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.CORRUPT));
        }
    }

    static List<Path> segmentFiles(Path shardDir) throws IOException {
        try (Stream<Path> files = Files.list(shardDir)) {
            return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
    }

    static List<LogRecord> records(int batch, int count, int dataBytes) {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[dataBytes];
            java.util.Arrays.fill(data, (byte) (batch * 31 + i));
            records.add(new LogRecord("r" + batch + "-" + i, data));
        }
        return records;
    }
}
