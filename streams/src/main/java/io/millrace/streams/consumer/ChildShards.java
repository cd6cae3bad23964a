package io.millrace.streams.consumer;

import io.millrace.streams.model.ChildShard;
import io.millrace.streams.model.HashKeyRange;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.StreamMetadata;

import java.math.BigInteger;
import java.util.List;

/**
 * The children of a closed shard, for the last SubscribeToShardEvent: the shards created when it closed whose hash
 * keys overlap its own, each with the closed shards it came from. Stateless.
 */
final class ChildShards {

    private ChildShards() {
    }

    static List<ChildShard> of(StreamMetadata stream, ShardMetadata closed) {
        return stream.shards().stream()
                .filter(child -> child.creationMs() >= closed.closedAtMs() && overlaps(child, closed))
                .map(child -> new ChildShard(child.shardId(), parents(stream, child),
                        new HashKeyRange(child.startingHashKey(), child.endingHashKey())))
                .toList();
    }

    private static List<String> parents(StreamMetadata stream, ShardMetadata child) {
        return stream.shards().stream()
                .filter(p -> !p.open() && p.closedAtMs() <= child.creationMs() && overlaps(p, child)
                        && p.creationMs() < child.creationMs())
                .filter(p -> p.closedAtMs() == child.creationMs() || stream.shards().stream().noneMatch(
                        q -> q != p && !q.open() && q.closedAtMs() == child.creationMs() && overlaps(q, child)))
                .map(ShardMetadata::shardId)
                .toList();
    }

    private static boolean overlaps(ShardMetadata a, ShardMetadata b) {
        return new BigInteger(a.startingHashKey()).compareTo(new BigInteger(b.endingHashKey())) <= 0
                && new BigInteger(b.startingHashKey()).compareTo(new BigInteger(a.endingHashKey())) <= 0;
    }
}
