package io.millrace.log.local;

/**
 * Decides when the {@link GroupCommitter} forces dirty logs: once {@code maxPendingBytes} are waiting, or once the
 * oldest unforced append is {@code maxDelayNs} old. Pure, so it is tested without threads or clocks.
 *
 * @param maxPendingBytes force as soon as this many appended bytes await a force
 * @param maxDelayNs      force once the oldest waiting append is this old
 */
record FlushPolicy(long maxPendingBytes, long maxDelayNs) {

    FlushPolicy {
        if (maxPendingBytes <= 0) {
            throw new IllegalArgumentException("maxPendingBytes: " + maxPendingBytes + " (expected: > 0)");
        }
        if (maxDelayNs < 0) {
            throw new IllegalArgumentException("maxDelayNs: " + maxDelayNs + " (expected: >= 0)");
        }
    }

    /** Group commit: force whenever anything is waiting; batching comes from appends arriving during a force. */
    static FlushPolicy immediate() {
        return new FlushPolicy(1, 0);
    }

    /** Interval mode: force at most every {@code intervalMs}, whatever the volume. */
    static FlushPolicy every(long intervalMs) {
        return new FlushPolicy(Long.MAX_VALUE, intervalMs * 1_000_000L);
    }

    boolean shouldFlush(long pendingBytes, long oldestPendingNs, long nowNs) {
        return pendingBytes >= maxPendingBytes || (pendingBytes > 0 && nowNs - oldestPendingNs >= maxDelayNs);
    }

    /** How long to wait before {@link #shouldFlush} can become true through age alone. */
    long nanosUntilDue(long oldestPendingNs, long nowNs) {
        return Math.max(0, oldestPendingNs + maxDelayNs - nowNs);
    }
}
