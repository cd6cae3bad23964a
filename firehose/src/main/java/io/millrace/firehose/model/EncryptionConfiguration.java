package io.millrace.firehose.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Wire shape {@code EncryptionConfiguration} of an S3 destination: {@code NoEncryptionConfig} or
 * {@code KMSEncryptionConfig}. Only the first is supported by the embedded store.
 */
public record EncryptionConfiguration(String noEncryptionConfig, JsonNode kMSEncryptionConfig) {

    /** What AWS reports when nothing was configured. */
    public static final EncryptionConfiguration NONE = new EncryptionConfiguration("NoEncryption", null);
}
