package io.millrace.streams.stream;

import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.HashKeyRange;
import io.millrace.streams.shard.ShardId;

/**
 * One shard as persisted: its index, hash keys, creation time (which its sequence numbers encode) and, once closed,
 * when and at which sequence number. Immutable. Method names avoid the get/is prefixes so Jackson sees only the
 * components.
 */
public record ShardMetadata(int index, String startingHashKey, String endingHashKey, String startingSequenceNumber,
        long creationMs, Long closedAtMs, String endingSequenceNumber) {

    public String shardId() {
        return ShardId.name(index);
    }

    public HashKeyRange range() {
        return new HashKeyRange(HashKey.parse(startingHashKey), HashKey.parse(endingHashKey));
    }

    public boolean open() {
        return closedAtMs == null;
    }
}
