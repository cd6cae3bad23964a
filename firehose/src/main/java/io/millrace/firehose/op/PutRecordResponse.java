package io.millrace.firehose.op;

/** Output of PutRecord; {@code Encrypted} is true when the record is encrypted at rest (SSE ENABLED). */
public record PutRecordResponse(String recordId, boolean encrypted) {
}
