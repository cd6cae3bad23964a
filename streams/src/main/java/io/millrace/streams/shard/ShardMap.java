package io.millrace.streams.shard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Comparator;
import java.util.List;

/**
 * Routes hash keys to the open shards of a stream, whose ranges partition the hash-key space. Immutable; a stream
 * builds a new map whenever its shards change.
 */
public final class ShardMap {

    /** One open shard: its index and the hash keys it owns. */
    public record Entry(int shardIndex, HashKeyRange range) {
    }

    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final BigInteger LOW_BITS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Entry[] entries;
    /**
     * The entries' ranges as unsigned 64-bit halves, for routing partition keys without building a
     * {@link BigInteger} per record: shard {@code i} owns {@code [starts[2i]:starts[2i+1], ends[2i]:ends[2i+1]]}.
     */
    private final long[] starts;
    private final long[] ends;

    public ShardMap(List<Entry> openShards) {
        this.entries = openShards.stream().sorted(Comparator.comparing(e -> e.range().start())).toArray(Entry[]::new);
        this.starts = new long[2 * entries.length];
        this.ends = new long[2 * entries.length];
        for (int i = 0; i < entries.length; i++) {
            split(entries[i].range().start().value(), starts, 2 * i);
            split(entries[i].range().end().value(), ends, 2 * i);
        }
    }

    private static void split(BigInteger value, long[] halves, int at) {
        halves[at] = value.shiftRight(64).longValue();
        halves[at + 1] = value.and(LOW_BITS).longValue();
    }

    /** The index of the open shard owning {@code key}, or -1 when no shard covers it (only with no open shards). */
    public int route(HashKey key) {
        int low = 0;
        int high = entries.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            HashKeyRange range = entries[mid].range();
            if (key.compareTo(range.start()) < 0) {
                high = mid - 1;
            } else if (key.compareTo(range.end()) > 0) {
                low = mid + 1;
            } else {
                return entries[mid].shardIndex();
            }
        }
        return -1;
    }

    /**
     * The index of the open shard owning the hash key of {@code partitionKey} (MD5, see {@link HashKey#ofPartitionKey}),
     * or -1 when no shard covers it. The same answer as {@code route(HashKey.ofPartitionKey(partitionKey))}, without
     * its two allocations per record.
     */
    public int routePartitionKey(String partitionKey) {
        byte[] digest = HashKey.digestOf(partitionKey);
        long high = (long) BIG_ENDIAN_LONGS.get(digest, 0);
        long low = (long) BIG_ENDIAN_LONGS.get(digest, 8);
        int first = 0;
        int last = entries.length - 1;
        while (first <= last) {
            int mid = (first + last) >>> 1;
            if (compare(high, low, starts, 2 * mid) < 0) {
                last = mid - 1;
            } else if (compare(high, low, ends, 2 * mid) > 0) {
                first = mid + 1;
            } else {
                return entries[mid].shardIndex();
            }
        }
        return -1;
    }

    /** Compares the unsigned 128-bit key {@code high:low} with the one stored at {@code halves[at]}. */
    private static int compare(long high, long low, long[] halves, int at) {
        int byHigh = Long.compareUnsigned(high, halves[at]);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, halves[at + 1]);
    }

    /** The index of the {@code n}-th open shard (modulo their count) in hash-key order, for even spreading. */
    public int nth(long n) {
        return entries[(int) Math.floorMod(n, (long) entries.length)].shardIndex();
    }

    public int size() {
        return entries.length;
    }
}
