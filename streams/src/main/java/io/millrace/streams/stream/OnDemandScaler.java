package io.millrace.streams.stream;

import io.millrace.streams.limit.OnDemandScalingPolicy;
import io.millrace.streams.limit.ShardWriteRate;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Makes ON_DEMAND streams grow with their writes, as AWS's on-demand mode does: each {@link #doWork()} asks the
 * {@link OnDemandScalingPolicy} about every open shard of every ACTIVE ON_DEMAND stream, and splits a hot shard in
 * the middle of its hash range with the same {@link Resharder} logic as SplitShard (the stream stays ACTIVE, as
 * on-demand scaling is invisible in AWS's stream status). Never merges: AWS scales on-demand streams down only
 * slowly, and fewer shards would only lower the throttling Millrace does not enforce.
 *
 * <p>Thread safety: call from one thread at a time (the engine's maintenance thread); splits go through the
 * registry, which serialises them with every other change.
 */
public final class OnDemandScaler {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandScaler.class);

    private final StreamRegistry streams;
    private final OnDemandScalingPolicy policy;
    private final Clock clock;

    public OnDemandScaler(StreamRegistry streams, OnDemandScalingPolicy policy, Clock clock) {
        this.streams = streams;
        this.policy = policy;
        this.clock = clock;
    }

    /** Splits every shard the policy finds hot; returns how many it split. */
    public int doWork() {
        int splits = 0;
        for (Stream stream : streams.all()) {
            splits += scale(stream);
        }
        return splits;
    }

    private int scale(Stream stream) {
        StreamMetadata metadata = stream.metadata();
        if (metadata.mode() != StreamMode.ON_DEMAND || metadata.status() != StreamStatus.ACTIVE) {
            return 0;
        }
        long nowMs = clock.millis();
        List<Integer> hot = metadata.shards().stream()
                .filter(s -> isHot(stream, s, nowMs))
                .map(ShardMetadata::index)
                .toList();
        int splits = 0;
        for (int index : hot) {
            StreamMetadata changed = streams.reshard(stream.key(), current -> isSplittable(current, index)
                    ? Resharder.splitInHalf(current, index, nowMs) : current);
            if (!changed.shard(index).open()) {
                splits++;
                LOG.debug("Split hot shard {} of on-demand stream {}", index, metadata.arn());
            }
        }
        return splits;
    }

    private boolean isHot(Stream stream, ShardMetadata shard, long nowMs) {
        ShardWriteRate throughput = stream.writeRate(shard.index());
        return shard.open() && throughput != null && shard.range().start().compareTo(shard.range().end()) < 0
                && policy.shouldSplit(throughput.totals(nowMs, policy.windowMs()), nowMs - shard.creationMs());
    }

    /** Rechecked under the registry's lock: the stream may have changed since the policy was asked. */
    private static boolean isSplittable(StreamMetadata current, int index) {
        return current.mode() == StreamMode.ON_DEMAND && current.status() == StreamStatus.ACTIVE
                && current.shard(index) != null && current.shard(index).open();
    }
}
