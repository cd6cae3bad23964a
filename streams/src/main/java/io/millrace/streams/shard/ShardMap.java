package io.millrace.streams.shard;

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

    private final Entry[] entries;

    public ShardMap(List<Entry> openShards) {
        this.entries = openShards.stream().sorted(Comparator.comparing(e -> e.range().start())).toArray(Entry[]::new);
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

    /** The index of the {@code n}-th open shard (modulo their count) in hash-key order, for even spreading. */
    public int nth(long n) {
        return entries[(int) Math.floorMod(n, (long) entries.length)].shardIndex();
    }

    public int size() {
        return entries.length;
    }
}
