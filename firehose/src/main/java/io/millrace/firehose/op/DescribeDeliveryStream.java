package io.millrace.firehose.op;

import io.millrace.firehose.destination.s3.S3BackupSettings;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.EncryptionConfiguration;
import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.source.KinesisSourceSettings;
import io.millrace.firehose.source.MskSourceSettings;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamMetadata;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html">
 * DescribeDeliveryStream</a>: the stored configuration with defaults filled in (buffering hints, compression,
 * {@code NoEncryption}). Every stream has one destination, so {@code Limit} and {@code ExclusiveStartDestinationId}
 * only ever select it or nothing.
 */
final class DescribeDeliveryStream implements SyncFirehoseOperation<DescribeDeliveryStreamRequest,
        DescribeDeliveryStreamResponse> {
    static final String ACTIVE = "ACTIVE";

    private final DeliveryStreamRegistry registry;
    private final Clock clock;

    DescribeDeliveryStream(DeliveryStreamRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public DescribeDeliveryStreamResponse call(DescribeDeliveryStreamRequest request, FirehoseContext context) {
        DeliveryStream stream = registry.require(new DeliveryStreamKey(context.accountId(),
                context.region(), request.deliveryStreamName()));
        DeliveryStreamMetadata metadata = stream.metadata();
        String failure = stream.deliveryFailure();
        boolean afterOnlyDestination = DeliveryStreamMetadata.DESTINATION_ID.equals(
                request.exclusiveStartDestinationId());
        List<DestinationDescription> destinations = afterOnlyDestination ? List.of() : List.of(destination(metadata));
        SourceDescription source = source(metadata);
        return new DescribeDeliveryStreamResponse(new DeliveryStreamDescription(metadata.name(), metadata.arn(),
                ACTIVE, EncryptionStatus.of(stream.encryption(), clock.millis()), metadata.deliveryStreamType(),
                Long.toString(metadata.versionId()), Instant.ofEpochMilli(metadata.createTimestampMs()),
                Instant.ofEpochMilli(metadata.lastUpdateTimestampMs()), source, destinations, false,
                failure == null ? null : new FailureDescription("UNKNOWN_ERROR", failure)));
    }

    private static SourceDescription source(DeliveryStreamMetadata metadata) {
        KinesisSourceSettings kinesis = metadata.kinesisSource();
        if (kinesis != null) {
            return new SourceDescription(null, new KinesisStreamSourceDescription(kinesis.kinesisStreamARN(),
                    kinesis.roleARN(), Instant.ofEpochMilli(kinesis.deliveryStartMs())), null);
        }
        MskSourceSettings msk = metadata.mskSource();
        if (msk != null) {
            return new SourceDescription(null, null, new MSKSourceDescription(msk.mskClusterARN(), msk.topicName(),
                    new AuthenticationConfiguration(msk.roleARN(), msk.connectivity()),
                    Instant.ofEpochMilli(msk.deliveryStartMs()), Instant.ofEpochMilli(msk.readFromMs())));
        }
        return metadata.throughputHintInMBs() == null ? null
                : new SourceDescription(new DirectPutSourceConfiguration(metadata.throughputHintInMBs()));
    }

    static S3DestinationDescription backup(S3BackupSettings backup) {
        return backup == null ? null : new S3DestinationDescription(backup.roleARN(), backup.bucketARN(),
                backup.prefix(), backup.errorOutputPrefix(),
                new BufferingHints(backup.sizeInMBs(), backup.intervalInSeconds()), backup.compressionFormat(),
                EncryptionConfiguration.NONE, null);
    }

    static DestinationDescription destination(DeliveryStreamMetadata metadata) {
        S3Settings s3 = metadata.destination();
        BufferingHints hints = new BufferingHints(s3.sizeInMBs(), s3.intervalInSeconds());
        ExtendedS3DestinationDescription extended = new ExtendedS3DestinationDescription(s3.roleARN(),
                s3.bucketARN(), s3.prefix(), s3.errorOutputPrefix(), hints, s3.compressionFormat(),
                EncryptionConfiguration.NONE, s3.cloudWatchLoggingOptions(), s3.processingConfiguration(),
                s3.backup() == null ? "Disabled" : "Enabled", backup(s3.backup()), s3.fileExtension(),
                s3.customTimeZone(), s3.dynamicPartitioningConfiguration());
        S3DestinationDescription plain = new S3DestinationDescription(s3.roleARN(), s3.bucketARN(), s3.prefix(),
                s3.errorOutputPrefix(), hints, s3.compressionFormat(), EncryptionConfiguration.NONE,
                s3.cloudWatchLoggingOptions());
        if (metadata.httpEndpoint() != null) {
            return new DestinationDescription(DeliveryStreamMetadata.DESTINATION_ID, null, null,
                    HttpEndpointDestinationDescription.of(metadata.httpEndpoint(), plain), null);
        }
        if (metadata.redshift() != null) {
            return new DestinationDescription(DeliveryStreamMetadata.DESTINATION_ID, null, null, null,
                    RedshiftDestinationDescription.of(metadata.redshift(), plain));
        }
        return new DestinationDescription(DeliveryStreamMetadata.DESTINATION_ID, plain, extended, null, null);
    }
}
