package io.millrace.streams.model;

/** Model shape {@code ChannelEncryptionConfiguration}: the KMS key for delivered data. */
public record ChannelEncryptionConfiguration(String encryptionType, String keyId) {
}
