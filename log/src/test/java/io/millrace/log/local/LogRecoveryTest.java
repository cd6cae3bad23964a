package io.millrace.log.local;

import io.millrace.log.AppendedBatch;
import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash tests: damage the newest segment the way a crash or a bad sector would, reopen, and check that the log
 * holds exactly a prefix of what was appended, whole batches only, with exact endpoints, and stays appendable.
 */
class LogRecoveryTest {
    private static final LocalLogConfig CONFIG = LocalLogConfig.builder()
            .durability(Durability.NONE).maxSegmentBytes(8192).indexIntervalBytes(256).build();
    private static final int ROUNDS = 20;

    @TempDir
    Path root;

    /** What was appended, batch by batch. */
    private record Written(List<StoredRecord> records, List<Integer> batchEnds) {
    }

    @Test
    void truncatingTheNewestSegmentAnywhereLeavesAnExactPrefixOfWholeBatches() throws IOException {
        Random random = new Random(20260601L);
        for (int round = 0; round < ROUNDS; round++) {
            Path dataDir = root.resolve("truncate-" + round);
            Written written = writeRandomBatches(dataDir, random);
            Path newest = newestSegment(dataDir);
            long size = Files.size(newest);
            try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
                channel.truncate(random.nextLong(size + 1));
            }
            assertRecoversToAPrefix(dataDir, written, "round " + round);
        }
    }

    @Test
    void flippingABitInTheNewestSegmentsBatchesLeavesAnExactPrefixOfWholeBatches() throws IOException {
        Random random = new Random(77L);
        for (int round = 0; round < ROUNDS; round++) {
            Path dataDir = root.resolve("flip-" + round);
            Written written = writeRandomBatches(dataDir, random);
            Path newest = newestSegment(dataDir);
            byte[] bytes = Files.readAllBytes(newest);
            // What an index checkpoint covers was forced before a crash could happen; only the rest can tear.
            int unforcedFrom = (int) checkpointedBytes(newest);
            if (bytes.length > unforcedFrom) {
                int at = unforcedFrom + random.nextInt(bytes.length - unforcedFrom);
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                Files.write(newest, bytes);
            }
            assertRecoversToAPrefix(dataDir, written, "round " + round);
        }
    }

    @Test
    void garbageAfterTheLastBatchIsCutOff() throws IOException {
        Path dataDir = root.resolve("garbage");
        Written written = writeRandomBatches(dataDir, new Random(5));
        Files.write(newestSegment(dataDir), new byte[] {42, 0, 0, 0, 1, 2, 3}, StandardOpenOption.APPEND);
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(log.endPosition()).isEqualTo(written.records().size());
        }
    }

    /**
     * Appends random batches in two sessions: the first closes cleanly (so the newest segment gets an index
     * checkpoint), the second is "killed": {@code dataDir} ends up as a copy of the files taken while the store
     * was still open, as kill -9 leaves them.
     */
    private static Written writeRandomBatches(Path dataDir, Random random) throws IOException {
        List<StoredRecord> records = new ArrayList<>();
        List<Integer> batchEnds = new ArrayList<>();
        Path live = dataDir.resolveSibling(dataDir.getFileName() + "-live");
        int batches = 1 + random.nextInt(40);
        int cleanBatches = random.nextInt(batches + 1);
        try (LocalLogStore store = LocalLogStore.open(live, CONFIG)) {
            appendRandomBatches(store.openShard("s", 0), 0, cleanBatches, random, records, batchEnds);
        }
        try (LocalLogStore store = LocalLogStore.open(live, CONFIG)) {
            appendRandomBatches(store.openShard("s", 0), cleanBatches, batches, random, records, batchEnds);
            copyTree(live, dataDir);
        }
        return new Written(records, batchEnds);
    }

    private static void appendRandomBatches(ShardLog log, int fromBatch, int toBatch, Random random,
                                            List<StoredRecord> records, List<Integer> batchEnds) {
        {
            for (int b = fromBatch; b < toBatch; b++) {
                List<LogRecord> batch = new ArrayList<>();
                int count = 1 + random.nextInt(6);
                for (int i = 0; i < count; i++) {
                    byte[] data = new byte[random.nextInt(300)];
                    random.nextBytes(data);
                    batch.add(new LogRecord("k" + b + "." + i, data));
                }
                AppendedBatch result = log.append(batch, 1000 + b * 2L - random.nextInt(3)).durable().join();
                for (int i = 0; i < count; i++) {
                    records.add(new StoredRecord(result.position(i), result.arrivalMs(i),
                            batch.get(i).partitionKey(), batch.get(i).data()));
                }
                batchEnds.add(records.size());
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** Bytes of {@code segment} its index file covers, or the header length if it has no valid index. */
    static long checkpointedBytes(Path segment) throws IOException {
        long base = SegmentDescriptor.parseFileName(segment.getFileName().toString());
        IndexFile.Checkpoint checkpoint = IndexFile.read(IndexFile.pathFor(segment, base), base,
                Files.size(segment), 256);
        return checkpoint == null ? SegmentDescriptor.HEADER_LENGTH : checkpoint.segmentBytes();
    }

    private static void assertRecoversToAPrefix(Path dataDir, Written written, String round) {
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            ShardLog log = store.openShard("s", 0);
            List<StoredRecord> recovered = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).records();
            int count = recovered.size();
            assertThat(count == 0 || written.batchEnds().contains(count)).as(round + ": whole batches").isTrue();
            assertThat(recovered).as(round).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(written.records().subList(0, count));
            assertThat(log.endPosition()).as(round).isEqualTo(count);
            long expectedLastArrivalMs = count == 0 ? -1 : written.records().get(count - 1).arrivalMs();
            // A segment that lost all its batches still knows the previous segment's last arrival.
            assertThat(log.lastArrivalMs()).as(round).isEqualTo(expectedLastArrivalMs);
            assertThat(log.append(List.of(new LogRecord("after", new byte[] {1})), 0).durable().join().firstPosition())
                    .isEqualTo(count);
        }
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            assertThat(store.openShard("s", 0).read(0, Integer.MAX_VALUE, Long.MAX_VALUE).records())
                    .as(round + ": reopen after recovery").hasSize(
                            (int) store.openShard("s", 0).endPosition());
        }
    }

    private static Path newestSegment(Path dataDir) throws IOException {
        List<Path> segments = LocalLogStoreTest.segmentFiles(dataDir.resolve("streams/s/000000000000"));
        return segments.get(segments.size() - 1);
    }
}
