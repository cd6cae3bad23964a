package io.millrace.firehose.buffer;

/**
 * When a delivery stream's buffer is delivered: as soon as the pending bytes reach the size hint or the oldest
 * pending record has waited the interval hint, whichever comes first (FIREHOSE-REFERENCE §3). Size is counted
 * before compression. A pure value: the caller supplies the clock reading.
 */
public record FlushPolicy(long sizeBytes, long intervalMs) {
    private static final long BYTES_PER_MIB = 1024L * 1024L;

    public FlushPolicy {
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("sizeBytes: " + sizeBytes + " (expected: > 0)");
        }
        if (intervalMs < 0) {
            throw new IllegalArgumentException("intervalMs: " + intervalMs + " (expected: >= 0)");
        }
    }

    /** From the wire hints: {@code SizeInMBs} (MiB) and {@code IntervalInSeconds}. */
    public static FlushPolicy ofHints(int sizeInMBs, int intervalInSeconds) {
        return new FlushPolicy(sizeInMBs * BYTES_PER_MIB, intervalInSeconds * 1000L);
    }

    /**
     * @param pendingBytes           undelivered bytes in the buffer
     * @param pendingRecords         undelivered records (empty records count, though they have no bytes)
     * @param oldestPendingArrivalMs arrival time of the oldest undelivered record (ignored when nothing is pending)
     * @param nowMs                  the current time
     */
    public boolean shouldFlush(long pendingBytes, long pendingRecords, long oldestPendingArrivalMs, long nowMs) {
        if (pendingRecords == 0) {
            return false;
        }
        return pendingBytes >= sizeBytes || nowMs - oldestPendingArrivalMs >= intervalMs;
    }
}
