package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.EncryptionConfiguration;
import io.millrace.firehose.model.ProcessingConfiguration;

/**
 * Wire shape {@code ExtendedS3DestinationConfiguration}. Members for features Millrace does not support yet are kept
 * as trees only so that their presence can be refused clearly.
 */
public record ExtendedS3DestinationConfiguration(String roleARN, String bucketARN, String prefix,
                                                 String errorOutputPrefix, BufferingHints bufferingHints,
                                                 String compressionFormat,
                                                 EncryptionConfiguration encryptionConfiguration,
                                                 CloudWatchLoggingOptions cloudWatchLoggingOptions,
                                                 ProcessingConfiguration processingConfiguration,
                                                 String s3BackupMode, JsonNode s3BackupConfiguration,
                                                 JsonNode dataFormatConversionConfiguration,
                                                 JsonNode dynamicPartitioningConfiguration, String fileExtension,
                                                 String customTimeZone) {
}
