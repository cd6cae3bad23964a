package io.millrace.firehose.op;

import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.EncryptionConfiguration;

/** Wire shape {@code S3DestinationConfiguration} (deprecated by AWS; stored like an extended one). */
public record S3DestinationConfiguration(String roleARN, String bucketARN, String prefix, String errorOutputPrefix,
                                         BufferingHints bufferingHints, String compressionFormat,
                                         EncryptionConfiguration encryptionConfiguration,
                                         CloudWatchLoggingOptions cloudWatchLoggingOptions) {

    ExtendedS3DestinationConfiguration asExtended() {
        return new ExtendedS3DestinationConfiguration(roleARN, bucketARN, prefix, errorOutputPrefix, bufferingHints,
                compressionFormat, encryptionConfiguration, cloudWatchLoggingOptions, null, null, null, null, null,
                null, null);
    }
}
