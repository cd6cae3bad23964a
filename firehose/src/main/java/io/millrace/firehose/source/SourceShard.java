package io.millrace.firehose.source;

/**
 * One shard of a source stream and its lineage: a split child has a parent, a merge child a parent and an adjacent
 * parent. {@code isClosed}: no record will be added to it any more.
 */
public record SourceShard(String shardId, String parentShardId, String adjacentParentShardId, boolean isClosed) {
}
