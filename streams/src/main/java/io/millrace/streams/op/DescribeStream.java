package io.millrace.streams.op;

import io.millrace.streams.model.Shard;
import io.millrace.streams.model.StreamDescription;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.List;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html">DescribeStream</a>:
 * the legacy description, paginated by shard id ({@code Limit} defaults to and is capped at 100). A CREATING stream
 * shows no shards. Thread-safe.
 */
public final class DescribeStream implements SyncOperation<DescribeStreamRequest, DescribeStreamResponse> {
    private static final int MAX_LIMIT = 100;

    private final StreamRegistry streams;
    private final Clock clock;

    DescribeStream(StreamRegistry streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    @Override
    public DescribeStreamResponse call(DescribeStreamRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        StreamMetadata stream = streams.require(key).metadata();
        int limit = request.limit() == null ? MAX_LIMIT : Math.min(request.limit(), MAX_LIMIT);
        String after = request.exclusiveStartShardId();
        long readableFromMs = stream.readableFromMs(clock.millis());
        List<Shard> shards = stream.status() == StreamStatus.CREATING ? List.of() : stream.shards().stream()
                .filter(s -> WireShapes.isListed(s, readableFromMs))
                .filter(s -> after == null || s.shardId().compareTo(after) > 0)
                .map(WireShapes::shard)
                .toList();
        boolean hasMore = shards.size() > limit;
        return new DescribeStreamResponse(new StreamDescription(stream.name(), stream.arn(), stream.status(),
                WireShapes.modeDetails(stream), hasMore ? shards.subList(0, limit) : shards, hasMore,
                stream.retentionHours(), WireShapes.creationTimestamp(stream), WireShapes.enhancedMonitoring(stream),
                stream.settings().encryptionType(), stream.settings().keyId()));
    }
}
