package io.millrace.streams.model;

import java.time.Instant;

/** Model shape {@code StartingPosition} of SubscribeToShard. */
public record StartingPosition(ShardIteratorType type, String sequenceNumber, Instant timestamp) {
}
