package io.millrace.firehose.op;

/** One per request record, in request order: a {@code RecordId} or an {@code ErrorCode} and message. */
public record PutRecordBatchResponseEntry(String recordId, String errorCode, String errorMessage) {
}
