package io.millrace.streams.stream;

import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.HashKeyRange;
import io.millrace.streams.shard.ShardId;

/**
 * One shard as persisted: its index, hash keys, creation time (which its sequence numbers encode), its lineage
 * ({@code parentShardId} for a split or merge child, {@code adjacentParentShardId} for a merge child) and, once
 * closed, when and at which sequence number. Immutable. Method names avoid the get/is prefixes so Jackson sees only
 * the components.
 */
public record ShardMetadata(int index, String startingHashKey, String endingHashKey, String startingSequenceNumber,
        long creationMs, Long closedAtMs, String endingSequenceNumber, String parentShardId,
        String adjacentParentShardId) {

    /** A shard without parents, as CreateStream makes them. */
    public ShardMetadata(int index, String startingHashKey, String endingHashKey, String startingSequenceNumber,
            long creationMs, Long closedAtMs, String endingSequenceNumber) {
        this(index, startingHashKey, endingHashKey, startingSequenceNumber, creationMs, closedAtMs,
                endingSequenceNumber, null, null);
    }

    public String shardId() {
        return ShardId.name(index);
    }

    public HashKeyRange range() {
        return new HashKeyRange(HashKey.parse(startingHashKey), HashKey.parse(endingHashKey));
    }

    public boolean open() {
        return closedAtMs == null;
    }

    /** Whether {@code shardId} is this shard's parent or adjacent parent. */
    public boolean hasParent(String shardId) {
        return shardId.equals(parentShardId) || shardId.equals(adjacentParentShardId);
    }

    /** This shard closed at {@code atMs} with {@code endingNumber} as its EndingSequenceNumber. */
    public ShardMetadata closed(long atMs, String endingNumber) {
        return new ShardMetadata(index, startingHashKey, endingHashKey, startingSequenceNumber, creationMs, atMs,
                endingNumber, parentShardId, adjacentParentShardId);
    }
}
