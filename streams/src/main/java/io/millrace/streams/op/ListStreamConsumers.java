package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.consumer.ConsumerMetadata;
import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.List;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreamConsumers.html">
 * ListStreamConsumers</a>: consumers in registration order, at most {@code MaxResults} (default and cap 100) per
 * page, continued by an expiring {@code NextToken} bound to the stream incarnation. Thread-safe.
 */
public final class ListStreamConsumers
        implements SyncOperation<ListStreamConsumersRequest, ListStreamConsumersResponse> {
    static final int MAX_RESULTS = 100;

    private final StreamRegistry streams;
    private final ConsumerRegistry consumers;
    private final PageTokens tokens;

    ListStreamConsumers(StreamRegistry streams, ConsumerRegistry consumers, PageTokens tokens) {
        this.streams = streams;
        this.consumers = consumers;
        this.tokens = tokens;
    }

    @Override
    public ListStreamConsumersResponse call(ListStreamConsumersRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(null, request.streamARN(), context.accountId(), context.region());
        StreamMetadata stream = streams.require(key).metadata();
        if (request.streamCreationTimestamp() != null
                && request.streamCreationTimestamp().toEpochMilli() / 1000 != stream.creationMs() / 1000) {
            // [UNVERIFIED] AWS's answer for a creation time of another incarnation of the stream.
            throw KinesisError.RESOURCE_NOT_FOUND.exception("Stream %s under account %s with creation timestamp %d "
                    + "not found.", key.name(), key.accountId(), request.streamCreationTimestamp().getEpochSecond());
        }
        int from = request.nextToken() == null ? 0 : redeem(request.nextToken(), stream);
        int limit = request.maxResults() == null ? MAX_RESULTS : Math.min(request.maxResults(), MAX_RESULTS);
        List<ConsumerMetadata> all = consumers.list(stream);
        int to = Math.min(all.size(), from + limit);
        List<ConsumerMetadata> page = from >= all.size() ? List.of() : all.subList(from, to);
        String nextToken = to < all.size()
                ? tokens.issue(PageTokens.LIST_STREAM_CONSUMERS, List.of(stream.storageKey(), Integer.toString(to)))
                : null;
        return new ListStreamConsumersResponse(page.stream().map(ConsumerShapes::consumer).toList(), nextToken);
    }

    private int redeem(String token, StreamMetadata stream) {
        List<String> fields = tokens.redeem(PageTokens.LIST_STREAM_CONSUMERS, token, 2);
        if (!fields.get(0).equals(stream.storageKey()) || !fields.get(1).matches("\\d{1,9}")) {
            throw KinesisError.INVALID_ARGUMENT.exception("Invalid NextToken."); // [UNVERIFIED] text
        }
        return Integer.parseInt(fields.get(1));
    }
}
