package io.millrace.streams.limit;

/**
 * When an ON_DEMAND stream splits a shard: when writes over the last {@code windowMs} averaged more than
 * {@code utilisation} of a shard's write capacity in bytes or in records, and the shard is at least
 * {@code windowMs} old (so a burst on a young child does not split it again at once). A pure function of its
 * arguments; immutable and thread-safe.
 *
 * @param windowMs how long writes must be sustained, at most {@link ShardWriteRate#MAX_WINDOW_MS}
 * @param utilisation fraction of capacity, in (0, 1], that counts as hot
 * @param bytesPerSecond a shard's write capacity in bytes per second
 * @param recordsPerSecond a shard's write capacity in records per second
 */
public record OnDemandScalingPolicy(long windowMs, double utilisation, long bytesPerSecond, long recordsPerSecond) {

    /** AWS's per-shard write capacity (1 MiB/s, 1,000 records/s), hot above 80% for 5 seconds. */
    public static final OnDemandScalingPolicy DEFAULT = new OnDemandScalingPolicy(5_000, 0.8, 1024 * 1024, 1000);

    public OnDemandScalingPolicy {
        if (windowMs < 1000 || windowMs > ShardWriteRate.MAX_WINDOW_MS) {
            throw new IllegalArgumentException("windowMs: " + windowMs + " (expected: in [1000, 60000])");
        }
        if (!(utilisation > 0 && utilisation <= 1)) {
            throw new IllegalArgumentException("utilisation: " + utilisation + " (expected: in (0, 1])");
        }
    }

    /** Whether a shard {@code shardAgeMs} old that took {@code written} in the last window should be split. */
    public boolean shouldSplit(ShardWriteRate.Totals written, long shardAgeMs) {
        if (shardAgeMs < windowMs) {
            return false;
        }
        double seconds = windowMs / 1000.0;
        return written.bytes() > utilisation * bytesPerSecond * seconds
                || written.records() > utilisation * recordsPerSecond * seconds;
    }
}
