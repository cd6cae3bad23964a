package io.millrace.streams.op;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html">DeleteStream</a>: the
 * stream turns DELETING and disappears (with its logs) after the configured delay. {@code EnforceConsumerDeletion}
 * is accepted; there are no consumers to refuse for yet. Thread-safe.
 */
public final class DeleteStream implements SyncOperation<DeleteStreamRequest, Void> {
    private final StreamRegistry streams;
    private final EngineConfig config;

    DeleteStream(StreamRegistry streams, EngineConfig config) {
        this.streams = streams;
        this.config = config;
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
        streams.delete(key, config.deleteStreamDelayMs());
        return null;
    }
}
