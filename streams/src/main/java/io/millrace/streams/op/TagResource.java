package io.millrace.streams.op;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_TagResource.html">TagResource</a> for stream,
 * consumer and channel ARNs: the same rules as AddTagsToStream. Thread-safe.
 */
public final class TagResource implements SyncOperation<TagResourceRequest, Void> {
    private final ResourceTags tags;

    TagResource(ResourceTags tags) {
        this.tags = tags;
    }

    @Override
    public Void call(TagResourceRequest request, RequestContext context) {
        tags.add(request.resourceARN(), request.tags());
        return null;
    }
}
