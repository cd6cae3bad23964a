package io.millrace.streams.limit;

import java.util.Arrays;

/**
 * The write rate of one shard over the last minute, in one-second buckets of records and bytes, so a policy can ask
 * for the totals of any window up to {@link #MAX_WINDOW_MS}. Time comes from the caller (the injected clock).
 *
 * <p>Thread safety: all methods are synchronized; each shard has its own instance, so writers of different shards
 * never contend.
 */
public final class ShardWriteRate {
    public static final long MAX_WINDOW_MS = 60_000;
    private static final int BUCKETS = (int) (MAX_WINDOW_MS / 1000);

    /** Records and bytes written in a window. */
    public record Totals(long records, long bytes) {
    }

    private final long[] secondOfBucket = new long[BUCKETS];
    private final long[] records = new long[BUCKETS];
    private final long[] bytes = new long[BUCKETS];

    public ShardWriteRate() {
        Arrays.fill(secondOfBucket, Long.MIN_VALUE);
    }

    /** Counts {@code recordCount} records of {@code byteCount} bytes written at {@code nowMs}. */
    public synchronized void onAppended(long nowMs, int recordCount, long byteCount) {
        long second = Math.floorDiv(nowMs, 1000);
        int bucket = (int) Math.floorMod(second, (long) BUCKETS);
        if (secondOfBucket[bucket] != second) {
            secondOfBucket[bucket] = second;
            records[bucket] = 0;
            bytes[bucket] = 0;
        }
        records[bucket] += recordCount;
        bytes[bucket] += byteCount;
    }

    /**
     * What was written in the {@code windowMs} (rounded down to whole seconds, at most {@link #MAX_WINDOW_MS})
     * ending with the second that contains {@code nowMs}.
     */
    public synchronized Totals totals(long nowMs, long windowMs) {
        long newest = Math.floorDiv(nowMs, 1000);
        long oldest = newest - Math.min(windowMs, MAX_WINDOW_MS) / 1000 + 1;
        long recordSum = 0;
        long byteSum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (secondOfBucket[i] >= oldest && secondOfBucket[i] <= newest) {
                recordSum += records[i];
                byteSum += bytes[i];
            }
        }
        return new Totals(recordSum, byteSum);
    }
}
