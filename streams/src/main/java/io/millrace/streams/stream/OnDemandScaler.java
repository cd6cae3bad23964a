package io.millrace.streams.stream;

import io.millrace.streams.limit.OnDemandScalingPolicy;
import io.millrace.streams.limit.ShardWriteRate;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes ON_DEMAND streams grow with their writes, as AWS's on-demand mode does: each {@link #doWork()} asks the
 * {@link OnDemandScalingPolicy} about every open shard of every ACTIVE ON_DEMAND stream, and splits a hot shard in
 * the middle of its hash range with the same {@link Resharder} logic as SplitShard (the stream stays ACTIVE, as
 * on-demand scaling is invisible in AWS's stream status). Never merges: AWS scales on-demand streams down only
 * slowly, and fewer shards would only lower the throttling Millrace does not enforce.
 *
 * <p>A shard's traffic is what this gateway wrote to it plus what the other gateways sharing the metadata store
 * reported ({@link ClusterWriteTraffic}); each {@link #doWork()} also publishes this gateway's share. Every gateway
 * decides for itself; the split is a compare-and-set of the shard list that rechecks the shard is still open, so
 * gateways deciding at once split it once.
 *
 * <p>Thread safety: call from one thread at a time (the engine's maintenance thread); splits go through the
 * registry, which serialises them with every other change.
 */
public final class OnDemandScaler {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandScaler.class);

    private final StreamRegistry streams;
    private final OnDemandScalingPolicy policy;
    private final ClusterWriteTraffic traffic;
    private final Clock clock;

    public OnDemandScaler(StreamRegistry streams, OnDemandScalingPolicy policy, ClusterWriteTraffic traffic,
            Clock clock) {
        this.streams = streams;
        this.policy = policy;
        this.traffic = traffic;
        this.clock = clock;
    }

    /** Splits every shard the policy finds hot and publishes this gateway's traffic; returns how many it split. */
    public int doWork() {
        long nowMs = clock.millis();
        Map<String, ShardWriteRate.Totals> own = new HashMap<>();
        int splits = 0;
        for (Stream stream : streams.all()) {
            splits += scale(stream, nowMs, own);
        }
        traffic.publish(nowMs, own);
        return splits;
    }

    private int scale(Stream stream, long nowMs, Map<String, ShardWriteRate.Totals> own) {
        StreamMetadata metadata = stream.metadata();
        if (metadata.mode() != StreamMode.ON_DEMAND || metadata.status() != StreamStatus.ACTIVE) {
            return 0;
        }
        List<Integer> hot = metadata.shards().stream()
                .filter(s -> isHot(stream, s, nowMs, own))
                .map(ShardMetadata::index)
                .toList();
        int splits = 0;
        for (int index : hot) {
            boolean[] split = new boolean[1];
            streams.reshard(stream.key(), current -> {
                // Runs again whenever another gateway changed the stream first; only the last run counts.
                split[0] = isSplittable(current, index);
                return split[0] ? Resharder.splitInHalf(current, index, nowMs) : current;
            });
            if (split[0]) {
                splits++;
                LOG.debug("Split hot shard {} of on-demand stream {}", index, metadata.arn());
            }
        }
        return splits;
    }

    /** Whether the shard is hot; records this gateway's own share of its traffic in {@code own} on the way. */
    private boolean isHot(Stream stream, ShardMetadata shard, long nowMs, Map<String, ShardWriteRate.Totals> own) {
        if (!shard.open()) {
            return false;
        }
        String key = ClusterWriteTraffic.shardKey(stream.metadata().storageKey(), shard.index());
        ShardWriteRate rate = stream.writeRate(shard.index());
        ShardWriteRate.Totals mine = rate == null ? null : rate.totals(nowMs, policy.windowMs());
        if (mine != null && (mine.records() > 0 || mine.bytes() > 0)) {
            own.put(key, mine);
        }
        ShardWriteRate.Totals others = traffic.others(key, nowMs);
        ShardWriteRate.Totals total = new ShardWriteRate.Totals(others.records() + (mine == null ? 0 : mine.records()),
                others.bytes() + (mine == null ? 0 : mine.bytes()));
        return shard.range().start().compareTo(shard.range().end()) < 0
                && policy.shouldSplit(total, nowMs - shard.creationMs());
    }

    /** Rechecked under the registry's lock: the stream may have changed since the policy was asked. */
    private static boolean isSplittable(StreamMetadata current, int index) {
        return current.mode() == StreamMode.ON_DEMAND && current.status() == StreamStatus.ACTIVE
                && current.shard(index) != null && current.shard(index).open();
    }
}
