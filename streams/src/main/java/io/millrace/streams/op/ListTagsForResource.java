package io.millrace.streams.op;

import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListTagsForResource.html">
 * ListTagsForResource</a> for stream ARNs: every tag, sorted by key, no pagination. Thread-safe.
 */
public final class ListTagsForResource
        implements SyncOperation<ListTagsForResourceRequest, ListTagsForResourceResponse> {
    private final StreamRegistry streams;

    ListTagsForResource(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public ListTagsForResourceResponse call(ListTagsForResourceRequest request, RequestContext context) {
        return new ListTagsForResourceResponse(StreamTags.toList(
                streams.require(ResourceArns.stream(request.resourceARN())).metadata().tags()));
    }
}
