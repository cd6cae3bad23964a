package io.millrace.streams.op;

import io.millrace.streams.model.ShardFilter;

import java.time.Instant;

/** Input of ListShards. */
public record ListShardsRequest(String streamName, String nextToken, String exclusiveStartShardId, Integer maxResults,
        Instant streamCreationTimestamp, ShardFilter shardFilter, String streamARN, String streamId) {
}
