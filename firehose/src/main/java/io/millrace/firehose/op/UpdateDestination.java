package io.millrace.firehose.op;

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
 * merges an S3 or extended S3 update into the destination (absent members keep their values) if
 * {@code CurrentDeliveryStreamVersionId} is still current, and bumps the version, which new object names then
 * carry. The check and the change happen under the stream's lock, so concurrent updates cannot both win. Objects
 * already being delivered keep the configuration they started with.
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
            return metadata.withDestination(updated(metadata.destination(), request), clock.millis());
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

    private static S3Settings updated(S3Settings current, UpdateDestinationRequest request) {
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
        if (request.extendedS3DestinationUpdate() != null) {
            return S3Rules.merge(current, request.extendedS3DestinationUpdate(), true);
        }
        if (request.s3DestinationUpdate() != null) {
            return S3Rules.merge(current, request.s3DestinationUpdate().asExtended(), current.extended());
        }
        throw FirehoseError.INVALID_ARGUMENT.exception("Only S3DestinationUpdate and ExtendedS3DestinationUpdate are "
                + "supported by this version of Millrace; other destination types cannot be configured yet.");
    }
}
