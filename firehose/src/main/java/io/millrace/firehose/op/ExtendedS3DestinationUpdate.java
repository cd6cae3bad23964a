package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.EncryptionConfiguration;
import io.millrace.firehose.model.ProcessingConfiguration;

/** Wire shape {@code ExtendedS3DestinationUpdate}: every member optional, absent ones keep their value. */
public record ExtendedS3DestinationUpdate(String roleARN, String bucketARN, String prefix, String errorOutputPrefix,
                                          BufferingHints bufferingHints, String compressionFormat,
                                          EncryptionConfiguration encryptionConfiguration,
                                          CloudWatchLoggingOptions cloudWatchLoggingOptions,
                                          ProcessingConfiguration processingConfiguration, String s3BackupMode,
                                          JsonNode s3BackupUpdate, JsonNode dataFormatConversionConfiguration,
                                          JsonNode dynamicPartitioningConfiguration, String fileExtension,
                                          String customTimeZone) {
}
