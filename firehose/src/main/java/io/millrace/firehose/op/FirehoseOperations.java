package io.millrace.firehose.op;

import io.millrace.firehose.destination.Destination;
import io.millrace.firehose.source.StreamSource;
import io.millrace.firehose.stream.DeliveryStreamMetadata;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Routing is a table: operation name to request type and implementation, for target prefix
 * {@value #TARGET_PREFIX}. Operations of the model that are missing here are answered as not supported by the
 * server.
 */
public final class FirehoseOperations {
    public static final String TARGET_PREFIX = "Firehose_20150804";

    /** One row: the AWS operation name, its request record type and the operation. */
    public record Entry<I, O>(String name, Class<I> requestType, FirehoseOperation<I, O> operation) {
    }

    private final Map<String, Entry<?, ?>> entries = new LinkedHashMap<>();

    /**
     * @param destinations builds the destination of a configuration; DeleteDeliveryStream delivers what is still
     *                     buffered through it before the stream goes
     */
    public FirehoseOperations(DeliveryStreamRegistry registry, Clock clock, long maxBufferedBytesPerStream,
                              Function<DeliveryStreamMetadata, Destination> destinations) {
        this(registry, clock, maxBufferedBytesPerStream, destinations, null);
    }

    /** @param kinesis the Kinesis streams KinesisStreamAsSource delivery streams may read, or {@code null} */
    public FirehoseOperations(DeliveryStreamRegistry registry, Clock clock, long maxBufferedBytesPerStream,
                              Function<DeliveryStreamMetadata, Destination> destinations, StreamSource kinesis) {
        add("CreateDeliveryStream", CreateDeliveryStreamRequest.class,
                new CreateDeliveryStream(registry, clock, kinesis));
        add("DeleteDeliveryStream", DeleteDeliveryStreamRequest.class, new DeleteDeliveryStream(registry, clock, destinations));
        add("DescribeDeliveryStream", DescribeDeliveryStreamRequest.class, new DescribeDeliveryStream(registry, clock));
        add("ListDeliveryStreams", ListDeliveryStreamsRequest.class, new ListDeliveryStreams(registry));
        add("PutRecord", PutRecordRequest.class, new PutRecord(registry, clock, maxBufferedBytesPerStream));
        add("PutRecordBatch", PutRecordBatchRequest.class,
                new PutRecordBatch(registry, clock, maxBufferedBytesPerStream));
        add("TagDeliveryStream", TagDeliveryStreamRequest.class, new TagDeliveryStream(registry));
        add("UntagDeliveryStream", UntagDeliveryStreamRequest.class, new UntagDeliveryStream(registry));
        add("ListTagsForDeliveryStream", ListTagsForDeliveryStreamRequest.class,
                new ListTagsForDeliveryStream(registry));
        add("UpdateDestination", UpdateDestinationRequest.class, new UpdateDestination(registry, clock));
        add("StartDeliveryStreamEncryption", StartDeliveryStreamEncryptionRequest.class,
                new StartDeliveryStreamEncryption(registry, clock, StartDeliveryStreamEncryption.TRANSITION_MS));
        add("StopDeliveryStreamEncryption", StopDeliveryStreamEncryptionRequest.class,
                new StopDeliveryStreamEncryption(registry, clock, StartDeliveryStreamEncryption.TRANSITION_MS));
    }

    private <I, O> void add(String name, Class<I> requestType, FirehoseOperation<I, O> operation) {
        entries.put(name, new Entry<>(name, requestType, operation));
    }

    public List<Entry<?, ?>> entries() {
        return List.copyOf(entries.values());
    }

    /** The row for {@code name}, or {@code null}. */
    public Entry<?, ?> lookup(String name) {
        return entries.get(name);
    }
}
