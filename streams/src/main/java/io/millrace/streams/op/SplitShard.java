package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.HashKeyRange;
import io.millrace.streams.stream.Resharder;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.math.BigInteger;
import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html">SplitShard</a>: closes an
 * open shard of an ACTIVE PROVISIONED stream and opens two children with the next free indexes, the lower one
 * owning {@code [start, NewStartingHashKey-1]}. The change takes effect at once; the stream then stays UPDATING for
 * {@code updateStreamDelayMs}. Thread-safe; the checks and the change run under the registry's lock.
 */
public final class SplitShard implements SyncOperation<SplitShardRequest, Void> {
    private final StreamRegistry streams;
    private final EngineConfig config;
    private final Clock clock;

    SplitShard(StreamRegistry streams, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Void call(SplitShardRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        int shardIndex = ReshardRules.shardIndex(request.shardToSplit(), key);
        AccountStreamLimits.reserving(streams, key, owner -> streams.reshard(key, stream -> {
            ReshardRules.requireActive(stream);
            ReshardRules.requireProvisioned(stream, "SplitShard");
            ShardMetadata parent = ReshardRules.requireOpenShard(stream, shardIndex);
            HashKey newStart = checkNewStartingHashKey(request.newStartingHashKey(), parent, stream);
            long nowMs = clock.millis();
            ReshardRules.checkAccountShardLimit(streams, stream, 1, config, owner, nowMs);
            return ReshardRules.updating(Resharder.split(stream, shardIndex, newStart, nowMs), config, nowMs);
        }));
        return null;
    }

    /** Valid iff {@code start + 1 < NewStartingHashKey < end} of the parent. */
    private static HashKey checkNewStartingHashKey(String given, ShardMetadata parent, StreamMetadata stream) {
        BigInteger value = new BigInteger(given); // the shape phase checked 0|([1-9]\d{0,38})
        HashKeyRange range = parent.range();
        boolean aboveStartPlusOne = value.compareTo(range.start().value().add(BigInteger.ONE)) > 0;
        boolean belowEnd = value.compareTo(range.end().value()) < 0;
        if (!aboveStartPlusOne || !belowEnd) {
            throw KinesisError.INVALID_ARGUMENT.exception("NewStartingHashKey %s used in SplitShard() on shard %s in "
                    + "stream %s under account %s is not both greater than one plus the shard's StartingHashKey %s "
                    + "and less than the shard's EndingHashKey %s.", given, parent.shardId(), stream.name(),
                    stream.accountId(), range.start(), range.end());
        }
        return new HashKey(value);
    }
}
