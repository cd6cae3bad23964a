package io.millrace.streams.op;

import io.millrace.streams.model.EnhancedMetrics;
import io.millrace.streams.model.HashKeyRange;
import io.millrace.streams.model.SequenceNumberRange;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.StreamModeDetails;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.StreamMetadata;

import java.time.Instant;
import java.util.List;

/** Conversions from persisted metadata to the wire shapes several operations return. Stateless. */
final class WireShapes {
    private WireShapes() {
    }

    /** The stream's enhanced monitoring as Describe* lists it: one entry, empty when no metric is enabled. */
    static List<EnhancedMetrics> enhancedMonitoring(StreamMetadata stream) {
        return List.of(new EnhancedMetrics(stream.settings().shardLevelMetrics()));
    }

    static Shard shard(ShardMetadata shard) {
        return new Shard(shard.shardId(), shard.parentShardId(), shard.adjacentParentShardId(),
                new HashKeyRange(shard.startingHashKey(), shard.endingHashKey()),
                new SequenceNumberRange(shard.startingSequenceNumber(), shard.endingSequenceNumber()));
    }

    static StreamModeDetails modeDetails(StreamMetadata stream) {
        return new StreamModeDetails(stream.mode());
    }

    static Instant creationTimestamp(StreamMetadata stream) {
        return Instant.ofEpochMilli(stream.creationMs());
    }

    /** Shards a listing shows: open ones and closed ones whose records may still be within retention. */
    static boolean isListed(ShardMetadata shard, long readableFromMs) {
        return shard.open() || shard.closedAtMs() >= readableFromMs;
    }
}
