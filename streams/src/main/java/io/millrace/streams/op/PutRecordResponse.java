package io.millrace.streams.op;

import io.millrace.streams.model.EncryptionType;

/** Output of PutRecord; {@code encryptionType} is null (omitted) for unencrypted streams. */
public record PutRecordResponse(String shardId, String sequenceNumber, EncryptionType encryptionType) {
}
