package io.millrace.streams.model;

/** Model shape {@code PutRecordsRequestEntry}. */
public record PutRecordsRequestEntry(byte[] data, String explicitHashKey, String partitionKey) {
}
