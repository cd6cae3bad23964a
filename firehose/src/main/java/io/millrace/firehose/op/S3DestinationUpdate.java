package io.millrace.firehose.op;

import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.EncryptionConfiguration;

/** Wire shape {@code S3DestinationUpdate}: every member optional, absent ones keep their value. */
public record S3DestinationUpdate(String roleARN, String bucketARN, String prefix, String errorOutputPrefix,
                                  BufferingHints bufferingHints, String compressionFormat,
                                  EncryptionConfiguration encryptionConfiguration,
                                  CloudWatchLoggingOptions cloudWatchLoggingOptions) {

    ExtendedS3DestinationUpdate asExtended() {
        return new ExtendedS3DestinationUpdate(roleARN, bucketARN, prefix, errorOutputPrefix, bufferingHints,
                compressionFormat, encryptionConfiguration, cloudWatchLoggingOptions, null, null, null, null, null,
                null, null);
    }
}
