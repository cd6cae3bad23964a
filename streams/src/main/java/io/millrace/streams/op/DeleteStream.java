package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.consumer.ConsumerMetadata;
import io.millrace.streams.consumer.FanOut;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.List;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html">DeleteStream</a>: the
 * stream turns DELETING and disappears (with its logs) after the configured delay. A stream with registered
 * consumers is refused unless {@code EnforceConsumerDeletion} is true; then its consumers are deregistered and their
 * subscriptions end. A stream with channels (other than DELETING ones) is refused. Thread-safe.
 */
public final class DeleteStream implements SyncOperation<DeleteStreamRequest, Void> {
    private final StreamRegistry streams;
    private final EngineConfig config;
    private final FanOut fanOut;
    private final ChannelRegistry channels;

    DeleteStream(StreamRegistry streams, EngineConfig config, FanOut fanOut, ChannelRegistry channels) {
        this.streams = streams;
        this.config = config;
        this.fanOut = fanOut;
        this.channels = channels;
    }

    @Override
    public Void call(DeleteStreamRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        StreamMetadata metadata = streams.require(key).metadata();
        if (metadata.status() == StreamStatus.DELETING) {
            return null; // already on its way out; repeating the call changes nothing
        }
        if (metadata.status() == StreamStatus.CREATING) {
            // [UNVERIFIED] that AWS refuses deleting a CREATING stream (kinesalite's tests retry on ResourceInUse).
            throw StreamErrors.notActive(key, metadata.status());
        }
        if (channels.countForStream(metadata.storageKey()) > 0) {
            // [UNVERIFIED] text; the refusal itself is documented (reference 9.1).
            throw KinesisError.RESOURCE_IN_USE.exception("Stream %s under account %s has channels. Delete them "
                    + "first (ListChannels with a StreamFilter finds them).", key.name(), key.accountId());
        }
        List<ConsumerMetadata> consumers = fanOut.consumers().list(metadata);
        if (!consumers.isEmpty() && !Boolean.TRUE.equals(request.enforceConsumerDeletion())) {
            // [UNVERIFIED] text.
            throw KinesisError.RESOURCE_IN_USE.exception("Stream %s under account %s has registered consumers. "
                    + "Deregister them first, or set EnforceConsumerDeletion.", key.name(), key.accountId());
        }
        for (ConsumerMetadata consumer : consumers) {
            fanOut.subscriptions().terminateConsumer(consumer.arn(), StreamErrors.notFound(key));
        }
        // The stream first: other gateways then see it gone when its consumers go, and end their subscriptions with
        // the same error as this one.
        streams.delete(key, config.deleteStreamDelayMs());
        fanOut.consumers().removeAll(metadata.storageKey());
        return null;
    }
}
