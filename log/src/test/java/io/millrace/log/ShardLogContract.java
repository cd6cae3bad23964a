package io.millrace.log;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link ShardLog} must show, run against each implementation (published in log's test-jar so
 * other modules' backends run it too). Subclasses say how to make a fresh, empty log and how to dispose of it.
 * Nothing here assumes where arrival times come from: a local log takes them from the caller's clock, a remote one
 * from its broker, so expectations are built from what {@link AppendResult#durable()} reports. The caller-clock
 * rules live in {@link CallerClockShardLogContract}.
 */
public abstract class ShardLogContract {

    /** A fresh, empty log. */
    protected abstract ShardLog newLog();

    /** Closes the log and frees whatever {@link #newLog()} took (files, directories). */
    protected void dispose(ShardLog log) {
        log.close();
    }

    /** One append of the model: how many records, and the clock reading passed in. */
    public record Append(int recordCount, long nowMs) {
    }

    @Test
    void anEmptyLogStartsAtZeroWithNoArrival() {
        ShardLog log = newLog();
        try {
            assertThat(log.startPosition()).isZero();
            assertThat(log.endPosition()).isZero();
            assertThat(log.lastArrivalMs()).isEqualTo(-1);
            assertThat(log.read(0, 10, 1000).records()).isEmpty();
            assertThat(log.positionForTimestamp(0)).isZero();
        } finally {
            dispose(log);
        }
    }

    @Test
    void readReturnsRecordsInAppendOrderWithDensePositions() throws Exception {
        ShardLog log = newLog();
        try {
            AppendResult first = log.append(records("a", 3, 10), 1000);
            AppendResult second = log.append(records("b", 2, 10), 1001);
            AppendedBatch firstLanded = first.durable().get(10, TimeUnit.SECONDS);
            AppendedBatch secondLanded = second.durable().get(10, TimeUnit.SECONDS);

            assertThat(firstLanded.firstPosition()).isZero();
            assertThat(secondLanded.firstPosition()).isEqualTo(3);
            assertThat(secondLanded.position(1)).isEqualTo(4);
            ReadResult read = log.read(0, 100, Long.MAX_VALUE);
            assertThat(read.records()).extracting(StoredRecord::position).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(read.records()).extracting(StoredRecord::partitionKey)
                    .containsExactly("a0", "a1", "a2", "b0", "b1");
            assertThat(read.records()).extracting(StoredRecord::arrivalMs).containsExactly(
                    firstLanded.arrivalMs(0), firstLanded.arrivalMs(1), firstLanded.arrivalMs(2),
                    secondLanded.arrivalMs(0), secondLanded.arrivalMs(1));
            assertThat(read.records()).extracting(StoredRecord::arrivalMs).isSorted();
            assertThat(read.records().get(4).data()).isEqualTo(payload("b", 1, 10));
            assertThat(read.nextPosition()).isEqualTo(5);
            assertThat(log.endPosition()).isEqualTo(5);
            assertThat(log.lastArrivalMs()).isEqualTo(secondLanded.arrivalMs(1));
        } finally {
            dispose(log);
        }
    }

    @Test
    void readStopsAtMaxRecordsAndContinuesFromNextPosition() {
        ShardLog log = newLog();
        try {
            log.append(records("k", 10, 4), 5).durable().join();
            ReadResult first = log.read(0, 4, Long.MAX_VALUE);
            ReadResult second = log.read(first.nextPosition(), 100, Long.MAX_VALUE);
            assertThat(first.records()).hasSize(4);
            assertThat(first.nextPosition()).isEqualTo(4);
            assertThat(second.records()).extracting(StoredRecord::position).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        } finally {
            dispose(log);
        }
    }

    @Test
    void readStopsBeforeExceedingMaxBytesButReturnsAtLeastOneRecord() {
        ShardLog log = newLog();
        try {
            log.append(records("kk", 5, 97), 5).durable().join(); // each record counts 3 + 97 = 100 bytes
            assertThat(log.read(0, 100, 250).records()).hasSize(2);
            assertThat(log.read(0, 100, 300).records()).hasSize(3);
            assertThat(log.read(0, 100, 1).records()).hasSize(1);
        } finally {
            dispose(log);
        }
    }

    @Test
    void readFromTheEndOrBeyondReturnsNothing() {
        ShardLog log = newLog();
        try {
            log.append(records("k", 2, 1), 5).durable().join();
            assertThat(log.read(2, 10, 100).records()).isEmpty();
            assertThat(log.read(2, 10, 100).nextPosition()).isEqualTo(2);
            assertThat(log.read(7, 10, 100).records()).isEmpty();
        } finally {
            dispose(log);
        }
    }

    @Test
    void partitionKeysKeepEveryCharacterAndCountTheirUtf8Bytes() {
        ShardLog log = newLog();
        try {
            String key = "clé-🚀-\u4e2d";
            log.append(List.of(new LogRecord(key, new byte[] {1, 2, 3})), 1).durable().join();
            StoredRecord record = log.read(0, 1, 100).records().get(0);
            assertThat(record.partitionKey()).isEqualTo(key);
            assertThat(record.sizeInBytes()).isEqualTo(3 + key.getBytes(StandardCharsets.UTF_8).length);
        } finally {
            dispose(log);
        }
    }

    @Test
    void appendingToAClosedLogFailsWithClosed() {
        ShardLog log = newLog();
        log.close();
        try {
            assertThatThrownBy(() -> log.append(records("k", 1, 1), 1))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.CLOSED));
        } finally {
            dispose(log);
        }
    }

    @Property(tries = 40)
    void readMatchesASimpleModel(@ForAll("appends") List<Append> appends,
                                 @ForAll("fractions") double fromFraction,
                                 @ForAll("counts") int maxRecords, @ForAll("byteLimits") long maxBytes) {
        ShardLog log = newLog();
        try {
            List<StoredRecord> model = appendAll(log, appends);
            long from = (long) (fromFraction * (model.size() + 1));
            List<StoredRecord> expected = new ArrayList<>();
            long bytes = 0;
            for (int i = (int) from; i < model.size() && expected.size() < maxRecords; i++) {
                bytes += model.get(i).sizeInBytes();
                if (bytes > maxBytes && !expected.isEmpty()) {
                    break;
                }
                expected.add(model.get(i));
            }
            ReadResult read = log.read(from, maxRecords, maxBytes);
            assertThat(read.records()).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
            assertThat(read.nextPosition()).isEqualTo(from + expected.size());
        } finally {
            dispose(log);
        }
    }

    @Property(tries = 40)
    void positionForTimestampIsTheFirstRecordArrivingAtOrAfterIt(@ForAll("appends") List<Append> appends,
                                                                 @ForAll("fractions") double pick,
                                                                 @ForAll("deltas") long deltaMs) {
        ShardLog log = newLog();
        try {
            List<StoredRecord> model = appendAll(log, appends);
            long timestampMs = timestampNear(model, pick, deltaMs);
            long expected = model.stream().filter(r -> r.arrivalMs() >= timestampMs)
                    .mapToLong(StoredRecord::position).findFirst().orElse(model.size());
            assertThat(log.positionForTimestamp(timestampMs)).isEqualTo(expected);
        } finally {
            dispose(log);
        }
    }

    @Property(tries = 30)
    void trimOlderThanKeepsEveryRecordArrivingAtOrAfterTheCutoff(@ForAll("appends") List<Append> appends,
                                                                @ForAll("fractions") double pick,
                                                                @ForAll("deltas") long deltaMs) {
        ShardLog log = newLog();
        try {
            List<StoredRecord> model = appendAll(log, appends);
            long cutoffMs = timestampNear(model, pick, deltaMs);
            log.trimOlderThan(cutoffMs);
            List<StoredRecord> kept = model.stream().filter(r -> r.arrivalMs() >= cutoffMs).toList();
            long firstKept = kept.isEmpty() ? model.size() : kept.get(0).position();
            assertThat(log.startPosition()).isBetween(0L, firstKept);
            assertThat(log.endPosition()).isEqualTo(model.size());
            List<StoredRecord> read = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE).records();
            assertThat(read).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(model.subList((int) log.startPosition(), model.size()));
            assertThat(log.lastArrivalMs()).isEqualTo(model.isEmpty() ? -1 : model.get(model.size() - 1).arrivalMs());
        } finally {
            dispose(log);
        }
    }

    /**
     * Appends the batches (all sent before any is awaited, as concurrent writers would) and returns what a perfect
     * log would then hold, with the arrival times the log reported.
     */
    protected static List<StoredRecord> appendAll(ShardLog log, List<Append> appends) {
        List<List<LogRecord>> batches = new ArrayList<>();
        List<AppendResult> results = new ArrayList<>();
        for (int a = 0; a < appends.size(); a++) {
            Append append = appends.get(a);
            List<LogRecord> batch = records("p" + a + "-", append.recordCount(), 7 + a % 50);
            batches.add(batch);
            results.add(log.append(batch, append.nowMs()));
        }
        List<StoredRecord> model = new ArrayList<>();
        long lastArrivalMs = -1;
        for (int a = 0; a < batches.size(); a++) {
            AppendedBatch landed = results.get(a).durable().join();
            List<LogRecord> batch = batches.get(a);
            for (int r = 0; r < batch.size(); r++) {
                assertThat(landed.position(r)).as("dense positions in append order").isEqualTo(model.size());
                assertThat(landed.arrivalMs(r)).as("arrival never goes back").isGreaterThanOrEqualTo(lastArrivalMs);
                lastArrivalMs = landed.arrivalMs(r);
                model.add(new StoredRecord(model.size(), lastArrivalMs, batch.get(r).partitionKey(),
                        batch.get(r).data()));
            }
        }
        return model;
    }

    /** A timestamp at or close to one of the model's arrivals, so every case lands among the records. */
    private static long timestampNear(List<StoredRecord> model, double pick, long deltaMs) {
        if (model.isEmpty()) {
            return 1000 + deltaMs;
        }
        return model.get((int) (pick * (model.size() - 1))).arrivalMs() + deltaMs;
    }

    @Provide
    Arbitrary<List<Append>> appends() {
        Arbitrary<Append> append = Combinators.combine(Arbitraries.integers().between(1, 6),
                Arbitraries.longs().between(0, 60)).as(Append::new);
        // nowMs values are small and overlapping so clock steps back and equal arrivals are common.
        return append.list().ofMaxSize(60).map(ShardLogContract::spreadInTime);
    }

    private static List<Append> spreadInTime(List<Append> appends) {
        List<Append> spread = new ArrayList<>();
        for (int i = 0; i < appends.size(); i++) {
            spread.add(new Append(appends.get(i).recordCount(), 1000 + i * 3L + appends.get(i).nowMs() - 30));
        }
        return spread;
    }

    @Provide
    Arbitrary<Long> deltas() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-3, 3),
                Arbitraries.of(-1_000_000L, 1_000_000L));
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.integers().between(1, 400);
    }

    @Provide
    Arbitrary<Long> byteLimits() {
        return Arbitraries.longs().between(1, 20_000);
    }

    protected static List<LogRecord> records(String keyPrefix, int count, int dataBytes) {
        List<LogRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new LogRecord(keyPrefix + i, payload(keyPrefix, i, dataBytes)));
        }
        return records;
    }

    protected static byte[] payload(String keyPrefix, int index, int dataBytes) {
        byte[] data = new byte[dataBytes];
        for (int i = 0; i < dataBytes; i++) {
            data[i] = (byte) (keyPrefix.hashCode() * 31 + index * 7 + i);
        }
        return data;
    }
}
