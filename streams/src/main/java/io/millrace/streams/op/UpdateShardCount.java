package io.millrace.streams.op;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.stream.Resharder;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html">UpdateShardCount</a>
 * ({@code UNIFORM_SCALING}, the only scaling type): re-lays the open shards of an ACTIVE PROVISIONED stream into
 * {@code TargetShardCount} shards covering the hash space evenly, by splits and merges with correct lineage (see
 * {@link Resharder}). AWS's default limits apply: at most double and at least half the open shards, at most
 * {@value #MAX_SHARDS_PER_STREAM} per stream, the account's shard limit, and {@value #MAX_UPDATES_PER_DAY} calls per
 * rolling 24 hours. The change takes effect at once; the stream then stays UPDATING for {@code updateStreamDelayMs}.
 * Thread-safe.
 */
public final class UpdateShardCount implements SyncOperation<UpdateShardCountRequest, UpdateShardCountResponse> {
    static final int MAX_SHARDS_PER_STREAM = 10_000;
    static final int MAX_UPDATES_PER_DAY = 10;

    private final StreamRegistry streams;
    private final EngineConfig config;
    private final Clock clock;

    UpdateShardCount(StreamRegistry streams, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public UpdateShardCountResponse call(UpdateShardCountRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        int target = request.targetShardCount();
        AtomicInteger openBefore = new AtomicInteger();
        AccountStreamLimits.reserving(streams, key, owner -> streams.reshard(key, stream -> {
            ReshardRules.requireActive(stream);
            ReshardRules.requireProvisioned(stream, "UpdateShardCount");
            int open = (int) stream.openShardCount();
            long nowMs = clock.millis();
            checkLimits(stream, open, target, nowMs);
            ReshardRules.checkAccountShardLimit(streams, stream, target - open, config, owner, nowMs);
            openBefore.set(open);
            StreamMetadata scaled = Resharder.scaleUniformly(stream, target, nowMs).withShardCountUpdate(nowMs);
            return ReshardRules.updating(scaled, config, nowMs);
        }));
        return new UpdateShardCountResponse(key.name(), openBefore.get(), target, key.arn());
    }

    private static void checkLimits(StreamMetadata stream, int open, int target, long nowMs) {
        if (target > MAX_SHARDS_PER_STREAM) {
            // [UNVERIFIED] text for the per-stream limit; worded as AWS words the same check against its limit.
            throw limitExceeded("Target shard count or number of open shards cannot be greater than "
                    + MAX_SHARDS_PER_STREAM + ".", open, target);
        }
        if (target > open * 2L) {
            throw limitExceeded("UpdateShardCount cannot scale up over double your current open shard count.",
                    open, target);
        }
        if (target < open / 2.0) {
            throw limitExceeded("UpdateShardCount cannot scale down below half your current open shard count.",
                    open, target);
        }
        if (StreamMetadata.countInLastDay(stream.shardCountUpdatesMs(), nowMs) >= MAX_UPDATES_PER_DAY) {
            // [UNVERIFIED] text for the 10 scalings per rolling 24 hours limit.
            throw KinesisError.LIMIT_EXCEEDED.exception("Stream %s under account %s has exceeded the limit of %d "
                    + "UpdateShardCount calls in a rolling 24-hour period.", stream.name(), stream.accountId(),
                    MAX_UPDATES_PER_DAY);
        }
    }

    private static ApiException limitExceeded(String reason, int open, int target) {
        return KinesisError.LIMIT_EXCEEDED.exception("%s Current open shard count: %d, Target shard count: %d",
                reason, open, target);
    }
}
