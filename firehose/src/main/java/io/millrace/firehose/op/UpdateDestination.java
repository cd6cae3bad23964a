package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamMetadata;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.protocol.error.FirehoseError;

import java.time.Clock;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_UpdateDestination.html">UpdateDestination</a>:
 * if {@code CurrentDeliveryStreamVersionId} is still current, applies one destination update and bumps the version,
 * which new object names then carry. An update of the stream's destination type (S3 and extended S3 count as one)
 * merges into it: absent members keep their values. An update of another type replaces the destination wholesale,
 * so it must give everything the new destination's creation requires (AWS: "If the destination type is not the
 * same ... Firehose does not merge any parameters"). Millrace cannot hold an OpenSearch destination, so every
 * OpenSearch update would switch services, which AWS refuses. The merged or new configuration is checked as
 * CreateDeliveryStream checks it. The check and the change happen under the stream's lock, so concurrent updates
 * cannot both win; the next delivery pass uses the new configuration.
 */
final class UpdateDestination implements SyncFirehoseOperation<UpdateDestinationRequest, EmptyResponse> {
    private final DeliveryStreamRegistry registry;
    private final Clock clock;

    UpdateDestination(DeliveryStreamRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public EmptyResponse call(UpdateDestinationRequest request, FirehoseContext context) {
        DeliveryStreamKey key = new DeliveryStreamKey(context.accountId(), context.region(),
                request.deliveryStreamName());
        registry.update(registry.require(key), metadata -> {
            requireCurrentVersion(metadata, request.currentDeliveryStreamVersionId());
            requireKnownDestination(request.destinationId());
            return updated(metadata, request, clock.millis());
        });
        return EmptyResponse.INSTANCE;
    }

    private static void requireCurrentVersion(DeliveryStreamMetadata metadata, String given) {
        String current = Long.toString(metadata.versionId());
        if (!current.equals(given)) {
            // [UNVERIFIED] wording as commonly reported for AWS.
            throw FirehoseError.CONCURRENT_MODIFICATION.exception("Cannot update firehose: %s since the current "
                    + "version id: %s and specified version id: %s do not match", metadata.name(), current, given);
        }
    }

    private static void requireKnownDestination(String destinationId) {
        if (!DeliveryStreamMetadata.DESTINATION_ID.equals(destinationId)) {
            // [UNVERIFIED] wording as commonly reported for AWS.
            throw FirehoseError.INVALID_ARGUMENT.exception("Destination Id %s not found", destinationId);
        }
    }

    private static DeliveryStreamMetadata updated(DeliveryStreamMetadata current, UpdateDestinationRequest request,
                                                  long nowMs) {
        requireExactlyOneUpdate(request);
        JsonNode http = request.httpEndpointDestinationUpdate();
        if (http != null) {
            if (current.httpEndpoint() != null) {
                return current.withUpdatedDestination(OtherDestinationUpdates.mergeS3(current.destination(), http),
                        OtherDestinationUpdates.mergeHttpEndpoint(current.httpEndpoint(), http), null, nowMs);
            }
            S3Settings backup = OtherDestinationUpdates.replacingS3(http, "HttpEndpointDestinationUpdate");
            return current.withUpdatedDestination(backup, OtherDestinationUpdates.replacingHttpEndpoint(http), null,
                    nowMs);
        }
        JsonNode redshift = request.redshiftDestinationUpdate();
        if (redshift != null) {
            if (current.redshift() != null) {
                S3Settings staging = OtherDestinationUpdates.mergeS3(current.destination(), redshift);
                return current.withUpdatedDestination(staging, null,
                        OtherDestinationUpdates.mergeRedshift(current.redshift(), redshift, staging), nowMs);
            }
            S3Settings staging = OtherDestinationUpdates.replacingS3(redshift, "RedshiftDestinationUpdate");
            return current.withUpdatedDestination(staging, null,
                    OtherDestinationUpdates.replacingRedshift(redshift, staging), nowMs);
        }
        if (request.extendedS3DestinationUpdate() != null) {
            return current.withUpdatedDestination(s3(current, request.extendedS3DestinationUpdate(), true,
                    "ExtendedS3DestinationUpdate"), null, null, nowMs);
        }
        if (request.s3DestinationUpdate() != null) {
            boolean extended = isS3(current) && current.destination().extended();
            return current.withUpdatedDestination(s3(current, request.s3DestinationUpdate().asExtended(), extended,
                    "S3DestinationUpdate"), null, null, nowMs);
        }
        if (request.elasticsearchDestinationUpdate() != null
                || request.amazonopensearchserviceDestinationUpdate() != null
                || request.amazonOpenSearchServerlessDestinationUpdate() != null) {
            // [UNVERIFIED] wording after the API reference: "Switching between Amazon OpenSearch Service and other
            // services is not supported."
            throw FirehoseError.INVALID_ARGUMENT.exception("Switching between Amazon OpenSearch Service and other "
                    + "services is not supported.");
        }
        throw FirehoseError.INVALID_ARGUMENT.exception("Only S3DestinationUpdate, ExtendedS3DestinationUpdate, "
                + "HttpEndpointDestinationUpdate and RedshiftDestinationUpdate are supported by this version of "
                + "Millrace; other destination types cannot be configured yet.");
    }

    private static boolean isS3(DeliveryStreamMetadata metadata) {
        return metadata.httpEndpoint() == null && metadata.redshift() == null;
    }

    /** The S3 destination after an S3 update: merged into an S3 stream, else replacing its destination. */
    private static S3Settings s3(DeliveryStreamMetadata current, ExtendedS3DestinationUpdate update,
                                 boolean extended, String updateName) {
        if (isS3(current)) {
            return S3Rules.merge(current.destination(), update, extended);
        }
        if (update.roleARN() == null || update.bucketARN() == null) {
            // [UNVERIFIED] own wording, as for the other destination types.
            throw FirehoseError.INVALID_ARGUMENT.exception("Changing the destination type replaces the destination, "
                    + "so " + updateName + " must give every member its creation requires; "
                    + (update.roleARN() == null ? "RoleARN" : "BucketARN") + " is missing.");
        }
        return S3Rules.settings(new ExtendedS3DestinationConfiguration(update.roleARN(), update.bucketARN(),
                update.prefix(), update.errorOutputPrefix(), update.bufferingHints(), update.compressionFormat(),
                update.encryptionConfiguration(), update.cloudWatchLoggingOptions(),
                update.processingConfiguration(), update.s3BackupMode(), update.s3BackupUpdate(),
                update.dataFormatConversionConfiguration(), update.dynamicPartitioningConfiguration(),
                update.fileExtension(), update.customTimeZone()), extended);
    }

    private static void requireExactlyOneUpdate(UpdateDestinationRequest request) {
        long given = Stream.of(request.s3DestinationUpdate(), request.extendedS3DestinationUpdate(),
                request.redshiftDestinationUpdate(), request.elasticsearchDestinationUpdate(),
                request.amazonopensearchserviceDestinationUpdate(), request.splunkDestinationUpdate(),
                request.httpEndpointDestinationUpdate(), request.amazonOpenSearchServerlessDestinationUpdate(),
                request.snowflakeDestinationUpdate(), request.icebergDestinationUpdate())
                .filter(Objects::nonNull).count();
        if (given != 1) {
            // [UNVERIFIED] own wording.
            throw FirehoseError.INVALID_ARGUMENT.exception("Exactly one destination update must be given.");
        }
    }
}
