package io.millrace.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Produces records at a steady {@code recordsPerSecond} as one PutRecords call every {@code intervalMs}: call
 * {@code k} is due at {@code start + k × interval} and carries the records that fell due in the interval before,
 * stamped with that due instant. A pool of sender threads takes the calls in turn, and each sender waits for its
 * call's due instant itself (parking, then spinning for the last {@value #SPIN_NANOS} ns so that the call starts on
 * time rather than whenever the virtual CPU happens to wake), so a slow acknowledgement never delays the schedule,
 * no thread hands a call to another, and a call that starts late counts its lateness as latency (no coordinated
 * omission). Record ids are consecutive from 0; acknowledged ids are kept for the consumers' loss check.
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
    /** How long before a call's due instant its sender stops parking and spins; about two scheduler wake-ups. */
    private static final long SPIN_NANOS = 200_000;

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
     * acknowledgement; returns the ids produced. {@code onMeasureStart} runs once, just before the first measured
     * call is sent.
     */
    long run(int durationS, int senders, Runnable onMeasureStart) throws InterruptedException {
        long start = System.nanoTime();
        long warmupEnd = Math.max(start, measureFromNanos);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(durationS);
        Schedule schedule = new Schedule(start, warmupEnd, end);
        AtomicLong nextCall = new AtomicLong(1);
        AtomicBoolean isMeasuring = new AtomicBoolean();
        Thread[] threads = new Thread[senders];
        for (int i = 0; i < senders; i++) {
            threads[i] = new Thread(() -> {
                for (long call = nextCall.getAndIncrement(); ; call = nextCall.getAndIncrement()) {
                    long dueNanos = schedule.callDueNanos(call);
                    if (dueNanos > end) {
                        return;
                    }
                    awaitInstant(dueNanos);
                    if (dueNanos >= warmupEnd && isMeasuring.compareAndSet(false, true)) {
                        firstMeasuredId = schedule.recordsDueBy(schedule.callDueNanos(call - 1));
                        onMeasureStart.run();
                    }
                    long first = schedule.recordsDueBy(schedule.callDueNanos(call - 1));
                    long last = schedule.recordsDueBy(dueNanos);
                    for (long from = first; from < last; from += MAX_BATCH) {
                        int count = (int) Math.min(MAX_BATCH, last - from);
                        send(from, batch(from, count, dueNanos), dueNanos);
                    }
                }
            }, "producer-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return schedule.recordsDueBy(schedule.callDueNanos(schedule.lastCall()));
    }

    /** Parks until shortly before {@code instantNanos}, then spins until it. */
    private static void awaitInstant(long instantNanos) {
        for (long left = instantNanos - System.nanoTime(); left > 0; left = instantNanos - System.nanoTime()) {
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(left - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** When each call is due and how many records are due by an instant: the warm-up rate, then the measured one. */
    private final class Schedule {
        private final long startNanos;
        private final long warmupEndNanos;
        private final long endNanos;
        private final long warmupRecords;

        Schedule(long startNanos, long warmupEndNanos, long endNanos) {
            this.startNanos = startNanos;
            this.warmupEndNanos = warmupEndNanos;
            this.endNanos = endNanos;
            this.warmupRecords = (warmupEndNanos - startNanos) * warmupRecordsPerSecond / 1_000_000_000L;
        }

        long callDueNanos(long call) {
            return startNanos + call * intervalNs;
        }

        /** The last call due by the end. */
        long lastCall() {
            return (endNanos - startNanos) / intervalNs;
        }

        long recordsDueBy(long nanos) {
            return nanos < warmupEndNanos
                    ? (nanos - startNanos) * warmupRecordsPerSecond / 1_000_000_000L
                    : warmupRecords + (nanos - warmupEndNanos) * recordsPerSecond / 1_000_000_000L;
        }
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
