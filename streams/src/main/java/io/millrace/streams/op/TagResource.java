package io.millrace.streams.op;

import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_TagResource.html">TagResource</a> for stream
 * ARNs: the same rules as AddTagsToStream. Thread-safe.
 */
public final class TagResource implements SyncOperation<TagResourceRequest, Void> {
    private final StreamRegistry streams;

    TagResource(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public Void call(TagResourceRequest request, RequestContext context) {
        StreamTags.add(streams, ResourceArns.stream(request.resourceARN()), request.tags());
        return null;
    }
}
