package io.millrace.streams.model;

/** Model shape {@code Shard}. */
public record Shard(String shardId, String parentShardId, String adjacentParentShardId, HashKeyRange hashKeyRange,
        SequenceNumberRange sequenceNumberRange) {
}
