package io.millrace.streams.op;

/** Input of SplitShard. */
public record SplitShardRequest(String streamName, String shardToSplit, String newStartingHashKey, String streamARN,
        String streamId) {
}
