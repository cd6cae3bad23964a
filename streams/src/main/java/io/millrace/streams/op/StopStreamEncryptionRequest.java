package io.millrace.streams.op;

import io.millrace.streams.model.EncryptionType;

/** Input of StopStreamEncryption. {@code streamId} is reserved by AWS and ignored. */
public record StopStreamEncryptionRequest(String streamName, EncryptionType encryptionType, String keyId,
        String streamARN, String streamId) {
}
