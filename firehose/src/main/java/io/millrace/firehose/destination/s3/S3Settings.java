package io.millrace.firehose.destination.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.ProcessingConfiguration;
import io.millrace.firehose.model.Processor;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The configuration of one S3 destination as stored and described, defaults filled in. {@code extended} records
 * whether it was created as {@code ExtendedS3DestinationConfiguration} (rather than the deprecated
 * {@code S3DestinationConfiguration}); both deliver the same way. Validity is checked by the operations that build
 * it; this record trusts its fields. {@code backup} is set exactly when {@code S3BackupMode} is {@code Enabled}.
 * {@code dynamicPartitioningConfiguration} is the wire tree as configured (with
 * defaults filled), or {@code null} when dynamic partitioning was never configured.
 */
public record S3Settings(boolean extended, String roleARN, String bucketARN, String prefix, String errorOutputPrefix,
                         int sizeInMBs, int intervalInSeconds, String compressionFormat, String fileExtension,
                         String customTimeZone, ProcessingConfiguration processingConfiguration,
                         CloudWatchLoggingOptions cloudWatchLoggingOptions, S3BackupSettings backup,
                         JsonNode dynamicPartitioningConfiguration) {

    public static final int DEFAULT_SIZE_IN_MBS = 5;
    public static final int DEFAULT_INTERVAL_IN_SECONDS = 300;
    private static final String APPEND_DELIMITER = "AppendDelimiterToRecord";

    /** Settings without an S3 backup ({@code S3BackupMode Disabled}). */
    public S3Settings(boolean extended, String roleARN, String bucketARN, String prefix, String errorOutputPrefix,
                      int sizeInMBs, int intervalInSeconds, String compressionFormat, String fileExtension,
                      String customTimeZone, ProcessingConfiguration processingConfiguration,
                      CloudWatchLoggingOptions cloudWatchLoggingOptions) {
        this(extended, roleARN, bucketARN, prefix, errorOutputPrefix, sizeInMBs, intervalInSeconds, compressionFormat,
                fileExtension, customTimeZone, processingConfiguration, cloudWatchLoggingOptions, null, null);
    }

    /** The bucket name of {@code arn:aws:s3:::<bucket>}. */
    public String bucket() {
        return bucketOf(bucketARN);
    }

    public static String bucketOf(String bucketArn) {
        int at = bucketArn.indexOf(":::");
        return at < 0 ? bucketArn : bucketArn.substring(at + 3);
    }

    public Compression compression() {
        return Compression.fromWire(compressionFormat);
    }

    /** {@code FileExtension} when set (even to the empty string), else the compression's default. */
    public String extension() {
        return fileExtension != null ? fileExtension : compression().defaultExtension();
    }

    public ZoneId zone() {
        return customTimeZone == null || customTimeZone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(customTimeZone);
    }

    /** Whether dynamic partitioning is on (it can never be switched off again). */
    public boolean isDynamicPartitioningEnabled() {
        return dynamicPartitioningConfiguration != null
                && dynamicPartitioningConfiguration.path("Enabled").asBoolean(false);
    }

    /** Whether an enabled {@code AppendDelimiterToRecord} processor asks for a newline after every record. */
    public boolean appendsDelimiter() {
        if (processingConfiguration == null || !processingConfiguration.shouldRun()
                || processingConfiguration.processors() == null) {
            return false;
        }
        for (Processor processor : processingConfiguration.processors()) {
            if (APPEND_DELIMITER.equals(processor.type())) {
                return true;
            }
        }
        return false;
    }
}
