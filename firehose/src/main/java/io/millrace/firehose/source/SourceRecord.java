package io.millrace.firehose.source;

/** One record read from a source stream shard: its sequence number, arrival time and data. */
public record SourceRecord(String sequenceNumber, long arrivalMs, byte[] data) {
}
