package io.millrace.firehose.op;

import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.EncryptionConfiguration;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamMetadata;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

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

    DescribeDeliveryStream(DeliveryStreamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public DescribeDeliveryStreamResponse call(DescribeDeliveryStreamRequest request, FirehoseContext context) {
        DeliveryStreamMetadata metadata = registry.require(new DeliveryStreamKey(context.accountId(),
                context.region(), request.deliveryStreamName())).metadata();
        boolean afterOnlyDestination = DeliveryStreamMetadata.DESTINATION_ID.equals(
                request.exclusiveStartDestinationId());
        List<DestinationDescription> destinations = afterOnlyDestination ? List.of() : List.of(destination(metadata));
        SourceDescription source = metadata.throughputHintInMBs() == null ? null
                : new SourceDescription(new DirectPutSourceConfiguration(metadata.throughputHintInMBs()));
        return new DescribeDeliveryStreamResponse(new DeliveryStreamDescription(metadata.name(), metadata.arn(),
                ACTIVE, EncryptionStatus.DISABLED, metadata.deliveryStreamType(),
                Long.toString(metadata.versionId()), Instant.ofEpochMilli(metadata.createTimestampMs()),
                Instant.ofEpochMilli(metadata.lastUpdateTimestampMs()), source, destinations, false));
    }

    static DestinationDescription destination(DeliveryStreamMetadata metadata) {
        S3Settings s3 = metadata.destination();
        BufferingHints hints = new BufferingHints(s3.sizeInMBs(), s3.intervalInSeconds());
        ExtendedS3DestinationDescription extended = new ExtendedS3DestinationDescription(s3.roleARN(),
                s3.bucketARN(), s3.prefix(), s3.errorOutputPrefix(), hints, s3.compressionFormat(),
                EncryptionConfiguration.NONE, s3.cloudWatchLoggingOptions(), s3.processingConfiguration(), "Disabled",
                s3.fileExtension(), s3.customTimeZone(), s3.dynamicPartitioningConfiguration());
        S3DestinationDescription plain = new S3DestinationDescription(s3.roleARN(), s3.bucketARN(), s3.prefix(),
                s3.errorOutputPrefix(), hints, s3.compressionFormat(), EncryptionConfiguration.NONE,
                s3.cloudWatchLoggingOptions());
        return new DestinationDescription(DeliveryStreamMetadata.DESTINATION_ID, plain, extended);
    }
}
