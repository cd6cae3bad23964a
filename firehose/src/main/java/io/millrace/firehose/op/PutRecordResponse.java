package io.millrace.firehose.op;

/** Output of PutRecord; {@code Encrypted} is false while server-side encryption is unsupported. */
public record PutRecordResponse(String recordId, boolean encrypted) {
}
