package io.millrace.streams.op;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UntagResource.html">UntagResource</a> for
 * stream, consumer and channel ARNs: the same rules as RemoveTagsFromStream. Thread-safe.
 */
public final class UntagResource implements SyncOperation<UntagResourceRequest, Void> {
    private final ResourceTags tags;

    UntagResource(ResourceTags tags) {
        this.tags = tags;
    }

    @Override
    public Void call(UntagResourceRequest request, RequestContext context) {
        tags.remove(request.resourceARN(), request.tagKeys());
        return null;
    }
}
