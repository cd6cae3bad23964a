package io.millrace.streams.limit;

/**
 * A token bucket as a value: {@code capacity} tokens at most, refilled at {@code ratePerSecond}, as of
 * {@code updatedMs} on the injected clock. Balances are kept in thousandths of a token so a refill of any whole
 * number of milliseconds is exact. The balance may go negative ({@link #take}): a caller that had to be admitted
 * whole (a 10 MiB record on a 1 MiB/s shard, a GetRecords answer of many MiB) is repaid from future refills, as AWS
 * describes for GetRecords. Immutable and thread-safe.
 *
 * @param capacity      the most tokens the bucket holds (the burst), {@code > 0}
 * @param ratePerSecond tokens added per second, {@code > 0}
 * @param balanceMilli  current balance in thousandths of a token
 * @param updatedMs     clock instant the balance refers to
 */
public record TokenBucket(long capacity, long ratePerSecond, long balanceMilli, long updatedMs) {
    /** Longest refill step computed exactly; past it the bucket is full anyway for any sane rate. */
    private static final long MAX_ELAPSED_MS = 1_000_000_000L;

    public TokenBucket {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: > 0)");
        }
    }

    /** A full bucket of {@code capacity} tokens refilled at {@code ratePerSecond}. */
    public static TokenBucket full(long capacity, long ratePerSecond, long nowMs) {
        return new TokenBucket(capacity, ratePerSecond, capacity * 1000, nowMs);
    }

    /** The bucket at {@code nowMs}; a clock that stepped back adds nothing. */
    public TokenBucket refill(long nowMs) {
        long elapsedMs = Math.min(Math.max(0, nowMs - updatedMs), MAX_ELAPSED_MS);
        long balance = Math.min(capacity * 1000, balanceMilli + elapsedMs * ratePerSecond);
        return new TokenBucket(capacity, ratePerSecond, balance, Math.max(nowMs, updatedMs));
    }

    /**
     * Whether {@code amount} tokens may be taken now: the balance covers them, or, for an amount beyond the
     * capacity, the bucket is full (else such a request could never pass).
     */
    public boolean admits(long amount) {
        return balanceMilli >= Math.min(amount, capacity) * 1000;
    }

    /** Whether the balance is positive, i.e. no debt is being repaid. */
    public boolean hasTokens() {
        return balanceMilli > 0;
    }

    /** The bucket after taking {@code amount} tokens; the balance may become negative. */
    public TokenBucket take(long amount) {
        return new TokenBucket(capacity, ratePerSecond, balanceMilli - amount * 1000, updatedMs);
    }

    /** Whole tokens available now (negative while in debt). */
    public long tokens() {
        return Math.floorDiv(balanceMilli, 1000);
    }
}
