package io.millrace.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;

/**
 * What one consumer received, over all its shards: which record ids (for the loss check), how many arrived twice,
 * and the put→receive latency of each record stamped after the warm-up.
 *
 * <p>Thread safety: synchronized; a consumer's readers of different shards share one instance.
 */
final class ReceivedRecords {
    private final String consumer;
    private final long measureFromNanos;
    private final BitSet seen = new BitSet();
    private long duplicates;
    private long batches;
    private long[] latenciesNs = new long[1 << 16];
    private int latencyCount;

    ReceivedRecords(String consumer, long measureFromNanos) {
        this.consumer = consumer;
        this.measureFromNanos = measureFromNanos;
    }

    String consumer() {
        return consumer;
    }

    synchronized void onRecord(ByteBuffer data, long receivedNanos) {
        int id = (int) TimedPayload.id(data);
        if (seen.get(id)) {
            duplicates++;
            return;
        }
        seen.set(id);
        long dueNanos = TimedPayload.dueNanos(data);
        if (dueNanos >= measureFromNanos) {
            if (latencyCount == latenciesNs.length) {
                latenciesNs = Arrays.copyOf(latenciesNs, latencyCount * 2);
            }
            latenciesNs[latencyCount++] = receivedNanos - dueNanos;
        }
    }

    /** One event or GetRecords answer that carried records arrived. */
    synchronized void onBatch() {
        batches++;
    }

    /** Events (or GetRecords answers) that carried records. */
    synchronized long batches() {
        return batches;
    }

    synchronized long count() {
        return seen.cardinality();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** Acknowledged records this consumer has not received. */
    synchronized long missing(BitSet acked) {
        BitSet missing = (BitSet) acked.clone();
        missing.andNot(seen);
        return missing.cardinality();
    }

    /** Whether every acknowledged record has arrived. */
    synchronized boolean hasAll(BitSet acked) {
        return missing(acked) == 0;
    }

    synchronized LatencySummary latency() {
        return LatencySummary.of(latenciesNs, latencyCount);
    }
}
