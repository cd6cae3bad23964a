package io.millrace.streams.shard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of hash keys owned by one shard. Immutable. */
public record HashKeyRange(HashKey start, HashKey end) {

    public HashKeyRange {
        if (start.compareTo(end) > 0) {
            throw new IllegalArgumentException("start: " + start + " (expected: <= end " + end + ")");
        }
    }

    public boolean contains(HashKey key) {
        return start.compareTo(key) <= 0 && key.compareTo(end) <= 0;
    }

    /**
     * The layout of a new stream with {@code shardCount} shards, as AWS builds it: width {@code floor(2^128 / n)},
     * shard i covers {@code [w*i, w*(i+1)-1]}, and the last shard also takes the remainder up to {@code 2^128-1}.
     */
    public static List<HashKeyRange> evenSplit(int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount: " + shardCount + " (expected: >= 1)");
        }
        BigInteger width = HashKey.SPACE_SIZE.divide(BigInteger.valueOf(shardCount));
        List<HashKeyRange> ranges = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            HashKey end = i == shardCount - 1
                    ? HashKey.MAX
                    : new HashKey(start.add(width).subtract(BigInteger.ONE));
            ranges.add(new HashKeyRange(new HashKey(start), end));
        }
        return ranges;
    }
}
