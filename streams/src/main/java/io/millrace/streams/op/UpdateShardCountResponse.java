package io.millrace.streams.op;

/** Output of UpdateShardCount: the open shard count before the call and the target. */
public record UpdateShardCountResponse(String streamName, Integer currentShardCount, Integer targetShardCount,
        String streamARN) {
}
