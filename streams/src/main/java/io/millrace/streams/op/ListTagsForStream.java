package io.millrace.streams.op;

import io.millrace.streams.model.Tag;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

import java.util.List;
import java.util.SortedMap;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListTagsForStream.html">ListTagsForStream
 * </a>: tags sorted by key after {@code ExclusiveStartTagKey}. Thread-safe.
 */
public final class ListTagsForStream implements SyncOperation<ListTagsForStreamRequest, ListTagsForStreamResponse> {
    /** [UNVERIFIED] AWS's default page size; the 50-tag maximum means one page holds every tag by default. */
    private static final int DEFAULT_LIMIT = StreamTags.MAX_TAGS;

    private final StreamRegistry streams;

    ListTagsForStream(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public ListTagsForStreamResponse call(ListTagsForStreamRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        SortedMap<String, String> tags = streams.require(key).metadata().tags();
        String after = request.exclusiveStartTagKey();
        List<Tag> matching = StreamTags.toList(after == null ? tags : tags.tailMap(after + "\0"));
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        boolean hasMore = matching.size() > limit;
        return new ListTagsForStreamResponse(hasMore ? matching.subList(0, limit) : matching, hasMore);
    }
}
