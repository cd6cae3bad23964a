package io.millrace.streams.op;

import io.millrace.streams.model.ShardIteratorType;

import java.time.Instant;

/** Input of GetShardIterator. */
public record GetShardIteratorRequest(String streamName, String shardId, ShardIteratorType shardIteratorType,
        String startingSequenceNumber, Instant timestamp, String streamARN, String streamId, Boolean dryRun) {
}
