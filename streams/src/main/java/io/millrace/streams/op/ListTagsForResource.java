package io.millrace.streams.op;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListTagsForResource.html">
 * ListTagsForResource</a> for stream, consumer and channel ARNs: every tag, sorted by key, no pagination.
 * Thread-safe.
 */
public final class ListTagsForResource
        implements SyncOperation<ListTagsForResourceRequest, ListTagsForResourceResponse> {
    private final ResourceTags tags;

    ListTagsForResource(ResourceTags tags) {
        this.tags = tags;
    }

    @Override
    public ListTagsForResourceResponse call(ListTagsForResourceRequest request, RequestContext context) {
        return new ListTagsForResourceResponse(StreamTags.toList(tags.list(request.resourceARN())));
    }
}
