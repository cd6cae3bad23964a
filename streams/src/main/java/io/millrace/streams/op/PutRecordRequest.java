package io.millrace.streams.op;

/** Input of PutRecord. */
public record PutRecordRequest(String streamName, byte[] data, String partitionKey, String explicitHashKey,
        String sequenceNumberForOrdering, String streamARN, String streamId, Boolean dryRun) {
}
