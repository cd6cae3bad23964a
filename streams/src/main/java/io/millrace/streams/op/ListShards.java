package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.ShardFilter;
import io.millrace.streams.model.ShardFilterType;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html">ListShards</a> with all six
 * {@code ShardFilter} types, {@code MaxResults} defaulting to and capped at 1000, and a self-contained
 * {@code NextToken} that carries the stream incarnation, the filter and the last shard returned. Thread-safe.
 */
public final class ListShards implements SyncOperation<ListShardsRequest, ListShardsResponse> {
    private static final int MAX_RESULTS = 1000;

    /** What a page continues from: the stream incarnation, the filter, and the last shard id already returned. */
    private record Cursor(StreamKey key, Long creationMs, ShardFilter filter, String afterShardId) {
    }

    private final StreamRegistry streams;
    private final PageTokens tokens;
    private final Clock clock;

    ListShards(StreamRegistry streams, PageTokens tokens, Clock clock) {
        this.streams = streams;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public ListShardsResponse call(ListShardsRequest request, RequestContext context) {
        Cursor cursor = request.nextToken() == null ? fromRequest(request, context) : fromToken(request);
        StreamMetadata stream = streams.require(cursor.key()).metadata();
        if (cursor.creationMs() != null && cursor.creationMs() / 1000 != stream.creationMs() / 1000) {
            throw StreamErrors.notFound(cursor.key()); // another incarnation of the stream name
        }
        if (stream.status() == StreamStatus.CREATING) {
            throw StreamErrors.notActive(cursor.key(), stream.status());
        }
        Predicate<ShardMetadata> filter = filter(cursor.filter(), stream);
        List<ShardMetadata> matching = stream.shards().stream()
                .filter(filter)
                .filter(s -> cursor.afterShardId() == null || s.shardId().compareTo(cursor.afterShardId()) > 0)
                .toList();
        int limit = request.maxResults() == null ? MAX_RESULTS : Math.min(request.maxResults(), MAX_RESULTS);
        boolean hasMore = matching.size() > limit;
        List<ShardMetadata> page = hasMore ? matching.subList(0, limit) : matching;
        List<Shard> shards = page.stream().map(WireShapes::shard).toList();
        return new ListShardsResponse(shards, hasMore ? token(cursor, stream, page) : null);
    }

    private static Cursor fromRequest(ListShardsRequest request, RequestContext context) {
        if (request.streamName() == null && request.streamARN() == null) {
            throw KinesisError.INVALID_ARGUMENT.exception("Either NextToken or StreamName should be provided.");
        }
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        ShardFilter filter = request.shardFilter() == null
                ? new ShardFilter(ShardFilterType.FROM_TRIM_HORIZON, null, null) : request.shardFilter();
        checkFilter(filter);
        String after = request.exclusiveStartShardId();
        if (filter.type() == ShardFilterType.AFTER_SHARD_ID) {
            after = after == null || filter.shardId().compareTo(after) > 0 ? filter.shardId() : after;
        }
        Long creationMs = request.streamCreationTimestamp() == null
                ? null : request.streamCreationTimestamp().toEpochMilli();
        return new Cursor(key, creationMs, filter, after);
    }

    private Cursor fromToken(ListShardsRequest request) {
        if (request.streamName() != null || request.streamARN() != null) {
            throw KinesisError.INVALID_ARGUMENT.exception("NextToken and StreamName cannot be provided together.");
        }
        if (request.exclusiveStartShardId() != null || request.streamCreationTimestamp() != null) {
            // [UNVERIFIED] text, worded after the StreamName case.
            throw KinesisError.INVALID_ARGUMENT.exception("NextToken and ExclusiveStartShardId or "
                    + "StreamCreationTimestamp cannot be provided together.");
        }
        List<String> f = tokens.redeem(PageTokens.LIST_SHARDS, request.nextToken(), 7);
        ShardFilter filter = new ShardFilter(ShardFilterType.valueOf(f.get(4)), null,
                f.get(5).isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f.get(5))));
        return new Cursor(new StreamKey(f.get(0), f.get(1), f.get(2)), Long.parseLong(f.get(3)), filter, f.get(6));
    }

    private String token(Cursor cursor, StreamMetadata stream, List<ShardMetadata> page) {
        ShardFilter filter = cursor.filter();
        String timestampMs = filter.timestamp() == null ? "" : Long.toString(filter.timestamp().toEpochMilli());
        return tokens.issue(PageTokens.LIST_SHARDS, List.of(stream.accountId(), stream.region(), stream.name(),
                Long.toString(stream.creationMs()), filter.type().name(), timestampMs,
                page.get(page.size() - 1).shardId()));
    }

    private static void checkFilter(ShardFilter filter) {
        boolean needsTimestamp = filter.type() == ShardFilterType.AT_TIMESTAMP
                || filter.type() == ShardFilterType.FROM_TIMESTAMP;
        if (needsTimestamp && filter.timestamp() == null) {
            // [UNVERIFIED] text.
            throw KinesisError.INVALID_ARGUMENT.exception("Timestamp must be provided for ShardFilter of type %s.",
                    filter.type());
        }
        if (filter.type() == ShardFilterType.AFTER_SHARD_ID && filter.shardId() == null) {
            // [UNVERIFIED] text.
            throw KinesisError.INVALID_ARGUMENT.exception("ShardId must be provided for ShardFilter of type %s.",
                    filter.type());
        }
    }

    /**
     * Which shards a filter selects. Times before the trim horizon (or before the stream existed) are clamped to
     * it, so the filters that start "at" a time always find the shards open then.
     */
    private Predicate<ShardMetadata> filter(ShardFilter filter, StreamMetadata stream) {
        long trimHorizonMs = Math.max(stream.readableFromMs(clock.millis()), stream.creationMs());
        long atMs = filter.timestamp() == null
                ? trimHorizonMs : Math.max(filter.timestamp().toEpochMilli(), trimHorizonMs);
        return switch (filter.type()) {
            case AT_LATEST -> ShardMetadata::open;
            case AT_TRIM_HORIZON -> s -> isOpenAt(s, trimHorizonMs);
            case AT_TIMESTAMP -> s -> isOpenAt(s, atMs);
            case FROM_TIMESTAMP -> s -> s.open() || s.closedAtMs() >= atMs;
            case FROM_TRIM_HORIZON, AFTER_SHARD_ID -> s -> s.open() || s.closedAtMs() >= trimHorizonMs;
        };
    }

    private static boolean isOpenAt(ShardMetadata shard, long atMs) {
        return shard.creationMs() <= atMs && (shard.open() || shard.closedAtMs() >= atMs);
    }
}
