package io.millrace.streams.op;

import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_AddTagsToStream.html">AddTagsToStream</a>:
 * adds or overwrites tags, at most 50 per stream. Thread-safe.
 */
public final class AddTagsToStream implements SyncOperation<AddTagsToStreamRequest, Void> {
    private final StreamRegistry streams;

    AddTagsToStream(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public Void call(AddTagsToStreamRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        StreamTags.add(streams, key, request.tags());
        return null;
    }
}
