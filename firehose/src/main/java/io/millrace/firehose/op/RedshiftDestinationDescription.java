package io.millrace.firehose.op;

import io.millrace.firehose.destination.redshift.RedshiftSettings;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.ProcessingConfiguration;

/** Wire shape {@code RedshiftDestinationDescription}; the password is never described. */
public record RedshiftDestinationDescription(String roleARN, String clusterJDBCURL, CopyCommand copyCommand,
                                             String username,
                                             HttpEndpointDestinationDescription.RetryOptions retryOptions,
                                             S3DestinationDescription s3DestinationDescription,
                                             ProcessingConfiguration processingConfiguration, String s3BackupMode,
                                             S3DestinationDescription s3BackupDescription,
                                             CloudWatchLoggingOptions cloudWatchLoggingOptions) {

    /** Wire shape {@code CopyCommand}. */
    public record CopyCommand(String dataTableName, String dataTableColumns, String copyOptions) {
    }

    static RedshiftDestinationDescription of(RedshiftSettings redshift, S3DestinationDescription s3) {
        return new RedshiftDestinationDescription(redshift.roleARN(), redshift.clusterJDBCURL(),
                new CopyCommand(redshift.dataTableName(), redshift.dataTableColumns(), redshift.copyOptions()),
                redshift.username(), new HttpEndpointDestinationDescription.RetryOptions(
                        redshift.retryDurationInSeconds()), s3, redshift.processingConfiguration(),
                redshift.s3BackupMode(), DescribeDeliveryStream.backup(redshift.backup()),
                redshift.cloudWatchLoggingOptions());
    }
}
