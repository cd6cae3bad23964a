package io.millrace.streams.op;

import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RemoveTagsFromStream.html">
 * RemoveTagsFromStream</a>: removes the given keys; absent keys are ignored. Thread-safe.
 */
public final class RemoveTagsFromStream implements SyncOperation<RemoveTagsFromStreamRequest, Void> {
    private final StreamRegistry streams;

    RemoveTagsFromStream(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public Void call(RemoveTagsFromStreamRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        StreamTags.remove(streams, key, request.tagKeys());
        return null;
    }
}
