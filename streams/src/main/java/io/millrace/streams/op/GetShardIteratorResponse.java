package io.millrace.streams.op;

/** Output of GetShardIterator. */
public record GetShardIteratorResponse(String shardIterator) {
}
