package io.millrace.streams.op;

/** Input of MergeShards. */
public record MergeShardsRequest(String streamName, String shardToMerge, String adjacentShardToMerge,
        String streamARN, String streamId) {
}
