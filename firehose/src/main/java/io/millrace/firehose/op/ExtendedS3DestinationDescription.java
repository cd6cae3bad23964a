package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.EncryptionConfiguration;
import io.millrace.firehose.model.ProcessingConfiguration;

/** Wire shape {@code ExtendedS3DestinationDescription}; the required members are always present. */
public record ExtendedS3DestinationDescription(String roleARN, String bucketARN, String prefix,
                                               String errorOutputPrefix, BufferingHints bufferingHints,
                                               String compressionFormat,
                                               EncryptionConfiguration encryptionConfiguration,
                                               CloudWatchLoggingOptions cloudWatchLoggingOptions,
                                               ProcessingConfiguration processingConfiguration,
                                               String s3BackupMode, S3DestinationDescription s3BackupDescription,
                                               String fileExtension, String customTimeZone,
                                               JsonNode dynamicPartitioningConfiguration) {

    /** Without an S3 backup. */
    public ExtendedS3DestinationDescription(String roleARN, String bucketARN, String prefix, String errorOutputPrefix,
                                            BufferingHints bufferingHints, String compressionFormat,
                                            EncryptionConfiguration encryptionConfiguration,
                                            CloudWatchLoggingOptions cloudWatchLoggingOptions,
                                            ProcessingConfiguration processingConfiguration, String s3BackupMode,
                                            String fileExtension, String customTimeZone,
                                            JsonNode dynamicPartitioningConfiguration) {
        this(roleARN, bucketARN, prefix, errorOutputPrefix, bufferingHints, compressionFormat, encryptionConfiguration,
                cloudWatchLoggingOptions, processingConfiguration, s3BackupMode, null, fileExtension, customTimeZone,
                dynamicPartitioningConfiguration);
    }
}
