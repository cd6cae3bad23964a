package io.millrace.firehose.op;

import io.millrace.firehose.destination.Destination;
import io.millrace.firehose.stream.DeliveryStreamMetadata;
import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Function;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeleteDeliveryStream.html">
 * DeleteDeliveryStream</a>. Records still buffered are delivered first, whatever the buffering hints; if the
 * destination fails they are dropped with the stream, as AWS gives no delivery guarantee for a stream being deleted.
 * Millrace removes the stream at once (no lingering {@code DELETING}), so the name can be reused immediately.
 * {@code AllowForceDelete} changes nothing here: there are no KMS grants that could fail to retire.
 */
final class DeleteDeliveryStream implements SyncFirehoseOperation<DeleteDeliveryStreamRequest, EmptyResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteDeliveryStream.class);

    private final DeliveryStreamRegistry registry;
    private final Clock clock;
    private final Function<DeliveryStreamMetadata, Destination> destinations;

    DeleteDeliveryStream(DeliveryStreamRegistry registry, Clock clock,
                         Function<DeliveryStreamMetadata, Destination> destinations) {
        this.registry = registry;
        this.clock = clock;
        this.destinations = destinations;
    }

    @Override
    public EmptyResponse call(DeleteDeliveryStreamRequest request, FirehoseContext context) {
        DeliveryStream stream = registry.require(new DeliveryStreamKey(context.accountId(), context.region(),
                request.deliveryStreamName()));
        try {
            stream.deliver(clock.millis(), true, destinations);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Dropping the undelivered records of deleted delivery stream {}: {}",
                    stream.metadata().arn(), e.toString());
        }
        registry.delete(stream);
        return EmptyResponse.INSTANCE;
    }
}
