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

    private final Entry[] entries;
    /**
     * The entries' ranges as unsigned 64-bit halves, so that routing compares longs: entry {@code i} owns
     * {@code [starts[2i]:starts[2i+1], ends[2i]:ends[2i+1]]}.
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
        halves[at + 1] = value.longValue(); // the low 64 bits
    }

    /** The index of the open shard owning {@code key}, or -1 when no shard covers it (only with no open shards). */
    public int route(HashKey key) {
        return route(key.value().shiftRight(64).longValue(), key.value().longValue());
    }

    /**
     * As {@code route(HashKey.ofPartitionKey(partitionKey))}, straight from the MD5's two halves: PutRecords routes
     * every record without an explicit hash key this way, without a {@link BigInteger} and a {@link HashKey} each.
     */
    public int routePartitionKey(String partitionKey) {
        byte[] digest = HashKey.digestOf(partitionKey);
        return route((long) BIG_ENDIAN_LONGS.get(digest, 0), (long) BIG_ENDIAN_LONGS.get(digest, 8));
    }

    /** Routes the unsigned 128-bit key {@code high:low}: a binary search over the ranges, sorted by start. */
    private int route(long high, long low) {
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
