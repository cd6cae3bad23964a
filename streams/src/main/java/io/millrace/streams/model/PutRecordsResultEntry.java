package io.millrace.streams.model;

/** Model shape {@code PutRecordsResultEntry}: either sequence number and shard, or an error. */
public record PutRecordsResultEntry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {
}
