package io.millrace.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Produces records at a steady {@code recordsPerSecond} as one PutRecords call every {@code intervalMs}: each call
 * is due at a fixed instant and carries the records that fell due in the interval before, stamped with that due
 * instant. A pool of sender threads takes the calls in turn, and each sender waits for its call's due instant
 * itself (parking, then spinning for the last {@value #SPIN_NANOS} ns so that the call starts on time rather than
 * whenever the virtual CPU happens to wake), so a slow acknowledgement never delays the schedule, no thread hands a
 * call to another, and a call that starts late counts its lateness as latency (no coordinated omission). Record ids
 * are consecutive from 0; acknowledged ids are kept for the consumers' loss check.
 *
 * <p>Until {@code measureFromNanos} the producer runs a warm-up of about {@code warmupRecordsPerSecond}, with a call
 * every {@code warmupIntervalMs} (skipping calls rather than falling behind). The code that runs once per call, in
 * this client and in the server, is compiled by C2 only after some ten thousand calls, which at 100 calls/s would
 * take minutes; until then the JIT competes for the CPUs with the threads being measured, and its work is reported
 * as latency. Warm-up records count for loss, never for latency.
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
    private final long warmupIntervalNs;
    private final BitSet acked = new BitSet();
    private final AtomicLong failed = new AtomicLong();
    /** Due→acknowledged time of each PutRecords call; guarded by {@code acked}. */
    private long[] ackLatenciesNs = new long[1 << 12];
    private int ackCount;

    private final long measureFromNanos;
    private volatile long firstMeasuredId;

    /**
     * Acknowledgement times are kept for calls due at or after {@code measureFromNanos} (after the warm-up). The
     * warm-up sends a call every {@code warmupIntervalMs}, the measured run every {@code intervalMs}.
     */
    RateLimitedProducer(KinesisClient kinesis, String stream, int recordsPerSecond, int warmupRecordsPerSecond,
                        int recordBytes, long intervalMs, long warmupIntervalMs, long measureFromNanos) {
        this.measureFromNanos = measureFromNanos;
        this.kinesis = kinesis;
        this.stream = stream;
        this.recordsPerSecond = recordsPerSecond;
        this.warmupRecordsPerSecond = warmupRecordsPerSecond;
        this.recordBytes = recordBytes;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.warmupIntervalNs = TimeUnit.MILLISECONDS.toNanos(warmupIntervalMs);
    }

    /**
     * Warms up until {@code measureFromNanos}, then produces for {@code durationS} seconds and waits for the last
     * acknowledgement; returns the ids produced. {@code onMeasureStart} runs once, just before the first measured
     * call is sent.
     */
    long run(int durationS, int senders, Runnable onMeasureStart) throws InterruptedException {
        long start = System.nanoTime();
        long warmupEnd = Math.max(start, measureFromNanos);
        // The warm-up's calls stop a second early, so that anything they left queued drains before measuring.
        long warmupCallsEnd = Math.max(start, warmupEnd - TimeUnit.SECONDS.toNanos(1));
        long measuredCalls = TimeUnit.SECONDS.toNanos(durationS) / intervalNs;
        AtomicLong nextId = new AtomicLong();
        AtomicLong nextWarmupCall = new AtomicLong(1);
        AtomicLong nextCall = new AtomicLong(1);
        CyclicBarrier measuring = new CyclicBarrier(senders, () -> {
            firstMeasuredId = nextId.get();
            onMeasureStart.run();
        });
        Thread[] threads = new Thread[senders];
        for (int i = 0; i < senders; i++) {
            threads[i] = new Thread(() -> {
                warmUp(start, warmupCallsEnd, nextWarmupCall, nextId);
                try {
                    measuring.await();
                } catch (InterruptedException | BrokenBarrierException e) {
                    return;
                }
                for (long call = nextCall.getAndIncrement(); call <= measuredCalls; call = nextCall.getAndIncrement()) {
                    long dueNanos = warmupEnd + call * intervalNs;
                    awaitInstant(dueNanos);
                    long first = firstMeasuredId + recordsDue(call - 1);
                    long last = firstMeasuredId + recordsDue(call);
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
        return firstMeasuredId + recordsDue(measuredCalls);
    }

    /**
     * Calls every warm-up interval until {@code callsEndNanos}, each with the records the warm-up rate makes due in
     * an interval. A sender that finds a call's instant already an interval past skips it rather than catch up:
     * the warm-up only has to run the code, and a backlog would spill into the measured run.
     */
    private void warmUp(long startNanos, long callsEndNanos, AtomicLong nextWarmupCall, AtomicLong nextId) {
        long dueInAnInterval = warmupRecordsPerSecond * warmupIntervalNs / 1_000_000_000L;
        int perCall = (int) Math.max(1, Math.min(MAX_BATCH, dueInAnInterval));
        for (long call = nextWarmupCall.getAndIncrement(); ; call = nextWarmupCall.getAndIncrement()) {
            long dueNanos = startNanos + call * warmupIntervalNs;
            if (dueNanos >= callsEndNanos) {
                return;
            }
            if (System.nanoTime() - dueNanos > warmupIntervalNs) {
                continue;
            }
            awaitInstant(dueNanos);
            long first = nextId.getAndAdd(perCall);
            send(first, batch(first, perCall, dueNanos), dueNanos);
        }
    }

    /** Records due in the measured run by the instant of call {@code call} (call 0 is its start). */
    private long recordsDue(long call) {
        return call * intervalNs * recordsPerSecond / 1_000_000_000L;
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
