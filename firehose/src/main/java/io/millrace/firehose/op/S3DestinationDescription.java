package io.millrace.firehose.op;

import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.EncryptionConfiguration;

/** Wire shape {@code S3DestinationDescription}; the required members are always present. */
public record S3DestinationDescription(String roleARN, String bucketARN, String prefix, String errorOutputPrefix,
                                       BufferingHints bufferingHints, String compressionFormat,
                                       EncryptionConfiguration encryptionConfiguration,
                                       CloudWatchLoggingOptions cloudWatchLoggingOptions) {
}
