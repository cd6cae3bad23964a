package io.millrace.log.local;

import io.millrace.log.AppendResult;
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
            if (bytes.length > SegmentDescriptor.HEADER_LENGTH) {
                int at = SegmentDescriptor.HEADER_LENGTH
                        + random.nextInt(bytes.length - SegmentDescriptor.HEADER_LENGTH);
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

    private static Written writeRandomBatches(Path dataDir, Random random) {
        List<StoredRecord> records = new ArrayList<>();
        List<Integer> batchEnds = new ArrayList<>();
        try (LocalLogStore store = LocalLogStore.open(dataDir, CONFIG)) {
            ShardLog log = store.openShard("s", 0);
            int batches = 1 + random.nextInt(40);
            for (int b = 0; b < batches; b++) {
                List<LogRecord> batch = new ArrayList<>();
                int count = 1 + random.nextInt(6);
                for (int i = 0; i < count; i++) {
                    byte[] data = new byte[random.nextInt(300)];
                    random.nextBytes(data);
                    batch.add(new LogRecord("k" + b + "." + i, data));
                }
                AppendResult result = log.append(batch, 1000 + b * 2L - random.nextInt(3));
                for (int i = 0; i < count; i++) {
                    records.add(new StoredRecord(result.firstPosition() + i, result.arrivalMs(),
                            batch.get(i).partitionKey(), batch.get(i).data()));
                }
                batchEnds.add(records.size());
            }
        }
        return new Written(records, batchEnds);
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
            assertThat(log.append(List.of(new LogRecord("after", new byte[] {1})), 0).firstPosition())
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
