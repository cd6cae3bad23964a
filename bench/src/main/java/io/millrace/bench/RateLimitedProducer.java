package io.millrace.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Produces records at a steady {@code recordsPerSecond}: a pacing thread wakes every {@code intervalMs}, stamps the
 * records that fell due since its last wake-up with the wake-up time and hands them, as one PutRecords call, to a
 * pool of sender threads, so a slow acknowledgement never delays the schedule (time queued for a sender counts
 * as latency). Record ids are consecutive from 0; acknowledged
 * ids are kept for the consumers' loss check.
 *
 * <p>Until {@code measureFromNanos} the producer runs a warm-up at {@code warmupRecordsPerSecond}: a fresh JVM
 * interprets the SDK's request and event-stream code for its first thousands of calls, and at 1,000 records/s
 * (100 calls/s) a few seconds are not enough for the JIT, so without a faster warm-up the client's own compilation
 * would be reported as the server's latency. Warm-up records count for loss, never for latency.
 *
 * <p>Thread safety: {@link #run} is called once; {@link #acked()} is safe to call after it returns.
 */
final class RateLimitedProducer {
    private static final int MAX_BATCH = 500;

    private final KinesisClient kinesis;
    private final String stream;
    private final int recordsPerSecond;
    private final int warmupRecordsPerSecond;
    private final int recordBytes;
    private final long intervalNs;
    private final BitSet acked = new BitSet();
    private final AtomicLong failed = new AtomicLong();
    /** Due→acknowledged time of each PutRecords call; guarded by {@code acked}. */
    private long[] ackLatenciesNs = new long[1 << 12];
    private int ackCount;

    private final long measureFromNanos;
    private volatile long firstMeasuredId;

    /** Acknowledgement times are kept for calls due at or after {@code measureFromNanos} (after the warm-up). */
    RateLimitedProducer(KinesisClient kinesis, String stream, int recordsPerSecond, int warmupRecordsPerSecond,
                        int recordBytes, long intervalMs, long measureFromNanos) {
        this.measureFromNanos = measureFromNanos;
        this.kinesis = kinesis;
        this.stream = stream;
        this.recordsPerSecond = recordsPerSecond;
        this.warmupRecordsPerSecond = warmupRecordsPerSecond;
        this.recordBytes = recordBytes;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    /**
     * Warms up until {@code measureFromNanos}, then produces for {@code durationS} seconds and waits for the last
     * acknowledgement; returns the ids produced.
     */
    long run(int durationS, int senders, Runnable onMeasureStart) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        long warmupEnd = Math.max(start, measureFromNanos);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(durationS);
        long warmupRecords = (warmupEnd - start) * warmupRecordsPerSecond / 1_000_000_000L;
        long produced = 0;
        boolean isMeasuring = false;
        try {
            for (long now = start; now < end; now = System.nanoTime()) {
                if (!isMeasuring && now >= warmupEnd) {
                    isMeasuring = true;
                    firstMeasuredId = produced;
                    onMeasureStart.run();
                }
                long due = now < warmupEnd
                        ? (now - start) * warmupRecordsPerSecond / 1_000_000_000L
                        : warmupRecords + (now - warmupEnd) * recordsPerSecond / 1_000_000_000L;
                while (produced < due) {
                    int count = (int) Math.min(MAX_BATCH, due - produced);
                    long first = produced;
                    List<PutRecordsRequestEntry> entries = batch(first, count, now);
                    long dueNanos = now;
                    pool.execute(() -> send(first, entries, dueNanos));
                    produced += count;
                }
                LockSupport.parkNanos(intervalNs);
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
        return produced;
    }

    private List<PutRecordsRequestEntry> batch(long first, int count, long dueNanos) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(count);
        for (long id = first; id < first + count; id++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey(Long.toString(id))
                    .data(SdkBytes.fromByteArray(TimedPayload.of(id, dueNanos, recordBytes))).build());
        }
        return entries;
    }

    private void send(long first, List<PutRecordsRequestEntry> entries, long dueNanos) {
        try {
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
            long ackNs = System.nanoTime() - dueNanos;
            synchronized (acked) {
                if (dueNanos >= measureFromNanos) {
                    if (ackCount == ackLatenciesNs.length) {
                        ackLatenciesNs = Arrays.copyOf(ackLatenciesNs, ackCount * 2);
                    }
                    ackLatenciesNs[ackCount++] = ackNs;
                }
                for (int i = 0; i < entries.size(); i++) {
                    if (response.records().get(i).errorCode() == null) {
                        acked.set((int) (first + i));
                    } else {
                        failed.incrementAndGet();
                    }
                }
            }
        } catch (RuntimeException e) {
            failed.addAndGet(entries.size());
        }
    }

    BitSet acked() {
        synchronized (acked) {
            return (BitSet) acked.clone();
        }
    }

    /** Due→acknowledged time of the PutRecords calls (the share of put→receive latency spent producing). */
    LatencySummary ackLatency() {
        synchronized (acked) {
            return LatencySummary.of(ackLatenciesNs, ackCount);
        }
    }

    /** The id of the first record produced after the warm-up. */
    long firstMeasuredId() {
        return firstMeasuredId;
    }

    long failed() {
        return failed.get();
    }
}
