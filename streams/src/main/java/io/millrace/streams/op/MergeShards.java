package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.stream.Resharder;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.math.BigInteger;
import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MergeShards.html">MergeShards</a>: closes
 * two open shards of an ACTIVE PROVISIONED stream, {@code ShardToMerge} directly below {@code AdjacentShardToMerge}
 * in hash-key order (the reversed pair is refused, as AWS does), and opens one child with the next free index whose
 * {@code ParentShardId} is {@code ShardToMerge} and {@code AdjacentParentShardId} the other. The change takes effect
 * at once; the stream then stays UPDATING for {@code updateStreamDelayMs}. Thread-safe.
 */
public final class MergeShards implements SyncOperation<MergeShardsRequest, Void> {
    private final StreamRegistry streams;
    private final EngineConfig config;
    private final Clock clock;

    MergeShards(StreamRegistry streams, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Void call(MergeShardsRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        int lowerIndex = ReshardRules.shardIndex(request.shardToMerge(), key);
        int upperIndex = ReshardRules.shardIndex(request.adjacentShardToMerge(), key);
        streams.reshard(key, stream -> {
            ReshardRules.requireActive(stream);
            ReshardRules.requireProvisioned(stream, "MergeShards");
            ShardMetadata lower = ReshardRules.requireOpenShard(stream, lowerIndex);
            ShardMetadata upper = ReshardRules.requireOpenShard(stream, upperIndex);
            checkAdjacent(lower, upper, stream);
            long nowMs = clock.millis();
            return ReshardRules.updating(Resharder.merge(stream, lowerIndex, upperIndex, nowMs), config, nowMs);
        });
        return null;
    }

    private static void checkAdjacent(ShardMetadata lower, ShardMetadata upper, StreamMetadata stream) {
        BigInteger afterLower = lower.range().end().value().add(BigInteger.ONE);
        if (!afterLower.equals(upper.range().start().value())) {
            throw KinesisError.INVALID_ARGUMENT.exception("Shards %s and %s in stream %s under account %s are not an "
                    + "adjacent pair of shards eligible for merging", lower.shardId(), upper.shardId(),
                    stream.name(), stream.accountId());
        }
    }
}
