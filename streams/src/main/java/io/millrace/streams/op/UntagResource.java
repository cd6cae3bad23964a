package io.millrace.streams.op;

import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UntagResource.html">UntagResource</a> for
 * stream ARNs: the same rules as RemoveTagsFromStream. Thread-safe.
 */
public final class UntagResource implements SyncOperation<UntagResourceRequest, Void> {
    private final StreamRegistry streams;

    UntagResource(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public Void call(UntagResourceRequest request, RequestContext context) {
        StreamTags.remove(streams, ResourceArns.stream(request.resourceARN()), request.tagKeys());
        return null;
    }
}
