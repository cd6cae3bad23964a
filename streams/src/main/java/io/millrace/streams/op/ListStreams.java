package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.StreamSummary;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.List;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html">ListStreams</a>: names
 * in lexicographic order, {@code Limit} defaulting to and capped at 100, continued by
 * {@code ExclusiveStartStreamName} or a self-contained {@code NextToken}. Thread-safe.
 */
public final class ListStreams implements SyncOperation<ListStreamsRequest, ListStreamsResponse> {
    private static final int MAX_LIMIT = 100;

    private final StreamRegistry streams;
    private final PageTokens tokens;

    ListStreams(StreamRegistry streams, PageTokens tokens) {
        this.streams = streams;
        this.tokens = tokens;
    }

    @Override
    public ListStreamsResponse call(ListStreamsRequest request, RequestContext context) {
        String after = request.exclusiveStartStreamName();
        if (request.nextToken() != null) {
            List<String> fields = tokens.redeem(PageTokens.LIST_STREAMS, request.nextToken(), 3);
            if (!fields.get(0).equals(context.accountId()) || !fields.get(1).equals(context.region())) {
                throw KinesisError.INVALID_ARGUMENT.exception("Invalid NextToken."); // [UNVERIFIED] text
            }
            after = fields.get(2);
        }
        int limit = request.limit() == null ? MAX_LIMIT : Math.min(request.limit(), MAX_LIMIT);
        String start = after;
        List<StreamMetadata> matching = streams.list(context.accountId(), context.region()).stream()
                .map(s -> s.metadata())
                .filter(m -> start == null || m.name().compareTo(start) > 0)
                .toList();
        boolean hasMore = matching.size() > limit;
        List<StreamMetadata> page = hasMore ? matching.subList(0, limit) : matching;
        String nextToken = hasMore
                ? tokens.issue(PageTokens.LIST_STREAMS,
                        List.of(context.accountId(), context.region(), page.get(page.size() - 1).name()))
                : null;
        return new ListStreamsResponse(page.stream().map(StreamMetadata::name).toList(), hasMore, nextToken,
                page.stream().map(ListStreams::summary).toList());
    }

    private static StreamSummary summary(StreamMetadata stream) {
        return new StreamSummary(stream.name(), stream.arn(), stream.status(), WireShapes.modeDetails(stream),
                WireShapes.creationTimestamp(stream));
    }
}
