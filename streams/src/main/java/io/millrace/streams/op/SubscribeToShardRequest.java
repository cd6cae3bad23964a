package io.millrace.streams.op;

import io.millrace.streams.model.StartingPosition;

/** Input of SubscribeToShard. */
public record SubscribeToShardRequest(String consumerARN, String streamId, String shardId,
        StartingPosition startingPosition) {
}
