package io.millrace.firehose.destination.redshift;

import io.millrace.firehose.destination.s3.S3BackupSettings;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.ProcessingConfiguration;

/**
 * The stored configuration of a Redshift destination (FIREHOSE-REFERENCE §6.2), loaded into PostgreSQL. The
 * {@code password} is stored (the connection needs it) but never described. {@code copyOptions} is the text as
 * given; {@link CopyOptions} parses it. Validity is checked when the stream is created or updated.
 *
 * @param retryDurationInSeconds how long a failing batch is retried after its first failed attempt
 * @param backup                 where every batch's source records are backed up ({@code S3BackupMode Enabled}),
 *                               or {@code null} when the mode is {@code Disabled}
 */
public record RedshiftSettings(String roleARN, String clusterJDBCURL, String dataTableName, String dataTableColumns,
                               String copyOptions, String username, String password, int retryDurationInSeconds,
                               String s3BackupMode, ProcessingConfiguration processingConfiguration,
                               CloudWatchLoggingOptions cloudWatchLoggingOptions, S3BackupSettings backup) {

    /** The model's documented default: 3600 seconds. */
    public static final int DEFAULT_RETRY_DURATION_IN_SECONDS = 3600;
    public static final String ENABLED = "Enabled";
    public static final String DISABLED = "Disabled";
}
