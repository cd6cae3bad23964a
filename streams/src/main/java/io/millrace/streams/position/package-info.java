/**
 * Positions as clients see them: {@link io.millrace.streams.position.SequenceNumberCodec} (log position to the
 * 56-digit Kinesis sequence number and back), {@link io.millrace.streams.position.ShardIteratorCodec} (signed,
 * self-contained shard iterators) and {@link io.millrace.streams.position.NextTokenCodec} (pagination tokens).
 */
package io.millrace.streams.position;
