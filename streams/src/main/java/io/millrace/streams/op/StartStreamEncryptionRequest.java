package io.millrace.streams.op;

import io.millrace.streams.model.EncryptionType;

/** Input of StartStreamEncryption. {@code streamId} is reserved by AWS and ignored. */
public record StartStreamEncryptionRequest(String streamName, EncryptionType encryptionType, String keyId,
        String streamARN, String streamId) {
}
