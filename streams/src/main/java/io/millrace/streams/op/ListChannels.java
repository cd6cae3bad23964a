package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.channel.ChannelMetadata;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.model.ChannelStreamIdentifier;

import java.util.List;
import java.util.function.Predicate;

/**
 * ListChannels (reference 9.2): the caller's channels in name order, optionally only those reading one of the
 * {@code StreamFilter} streams (and, when a filter gives a creation timestamp, that incarnation), at most
 * {@code MaxResults} (default and cap 100) per page, continued by an expiring {@code NextToken} that remembers the
 * last name shown, so channels created or deleted between pages neither repeat nor shift the rest. Thread-safe.
 */
public final class ListChannels implements SyncOperation<ListChannelsRequest, ListChannelsResponse> {
    static final int MAX_RESULTS = 100;

    private final ChannelRegistry channels;
    private final PageTokens tokens;

    ListChannels(ChannelRegistry channels, PageTokens tokens) {
        this.channels = channels;
        this.tokens = tokens;
    }

    @Override
    public ListChannelsResponse call(ListChannelsRequest request, RequestContext context) {
        String after = request.nextToken() == null ? null : redeem(request.nextToken(), context);
        int limit = request.maxResults() == null ? MAX_RESULTS : Math.min(request.maxResults(), MAX_RESULTS);
        if (limit < 1) {
            // [UNVERIFIED] text.
            throw KinesisError.INVALID_ARGUMENT.exception("MaxResults must be at least 1, got %d.", limit);
        }
        List<ChannelMetadata> matching = channels.list(context.accountId(), context.region()).stream()
                .filter(c -> after == null || c.name().compareTo(after) > 0)
                .filter(filter(request.streamFilter()))
                .toList();
        List<ChannelMetadata> page = matching.subList(0, Math.min(limit, matching.size()));
        String nextToken = matching.size() > page.size()
                ? tokens.issue(PageTokens.LIST_CHANNELS, List.of(context.accountId(), context.region(),
                        page.get(page.size() - 1).name()))
                : null;
        return new ListChannelsResponse(page.stream().map(ChannelShapes::summary).toList(), nextToken);
    }

    private static Predicate<ChannelMetadata> filter(List<ChannelStreamIdentifier> streams) {
        if (streams == null || streams.isEmpty()) {
            return c -> true;
        }
        return c -> streams.stream().anyMatch(s -> s.streamARN().equals(c.streamArn())
                && (s.streamCreationTimestamp() == null
                        || s.streamCreationTimestamp().toEpochMilli() / 1000 == c.streamCreationMs() / 1000));
    }

    private String redeem(String token, RequestContext context) {
        List<String> fields = tokens.redeem(PageTokens.LIST_CHANNELS, token, 3);
        if (!fields.get(0).equals(context.accountId()) || !fields.get(1).equals(context.region())) {
            throw KinesisError.INVALID_ARGUMENT.exception("Invalid NextToken."); // [UNVERIFIED] text
        }
        return fields.get(2);
    }
}
