package io.millrace.streams.stream;

import io.millrace.streams.model.ChildShard;
import io.millrace.streams.model.HashKeyRange;

import java.util.List;

/**
 * The children of a closed shard, as GetRecords and the last SubscribeToShardEvent report them: every shard whose
 * ParentShardId or AdjacentParentShardId names it, each with its parents. Stateless.
 */
public final class ChildShards {

    private ChildShards() {
    }

    public static List<ChildShard> of(StreamMetadata stream, ShardMetadata parent) {
        return stream.shards().stream()
                .filter(child -> child.hasParent(parent.shardId()))
                .map(child -> new ChildShard(child.shardId(), child.adjacentParentShardId() == null
                        ? List.of(child.parentShardId())
                        : List.of(child.parentShardId(), child.adjacentParentShardId()),
                        new HashKeyRange(child.startingHashKey(), child.endingHashKey())))
                .toList();
    }
}
