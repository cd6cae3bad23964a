package io.millrace.streams.stream;

import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the engine persists about one stream (as JSON in the {@link io.millrace.log.MetadataStore}). Immutable;
 * changes produce a copy. {@code statusDueMs} is when a CREATING stream becomes ACTIVE or a DELETING one disappears.
 * {@code retentionFloorMs} hides records that had already expired under a shorter retention before an increase.
 * {@code storageKey} names the stream's logs in the {@link io.millrace.log.LogStore} and is unique per incarnation.
 * Method names avoid the get/is prefixes so Jackson sees only the components.
 */
public record StreamMetadata(String storageKey, String accountId, String region, String name, String arn,
        long creationMs, StreamStatus status, long statusDueMs, StreamMode mode,
        RecordDistributionStrategy distributionStrategy, int retentionHours, long retentionFloorMs,
        int maxRecordSizeKiB,
        List<ShardMetadata> shards, SortedMap<String, String> tags, StreamSettings settings) {

    public StreamMetadata {
        shards = List.copyOf(shards);
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
        // Metadata persisted before settings existed loads with the defaults.
        settings = settings == null ? StreamSettings.DEFAULT : settings;
    }

    /** A new stream's metadata, with default {@link StreamSettings}. */
    public StreamMetadata(String storageKey, String accountId, String region, String name, String arn,
            long creationMs, StreamStatus status, long statusDueMs, StreamMode mode,
            RecordDistributionStrategy distributionStrategy, int retentionHours, long retentionFloorMs,
            int maxRecordSizeKiB, List<ShardMetadata> shards, SortedMap<String, String> tags) {
        this(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode, distributionStrategy,
                retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags, StreamSettings.DEFAULT);
    }

    public StreamKey key() {
        return new StreamKey(accountId, region, name);
    }

    public StreamMetadata withStatus(StreamStatus newStatus, long dueMs) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, newStatus, dueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags, settings);
    }

    public StreamMetadata withRetention(int hours, long floorMs) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, hours, floorMs, maxRecordSizeKiB, shards, tags, settings);
    }

    public StreamMetadata withTags(Map<String, String> newTags) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards,
                new TreeMap<>(newTags), settings);
    }

    public StreamMetadata withSettings(StreamSettings newSettings) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags, newSettings);
    }

    public StreamMetadata withMaxRecordSizeKiB(int kiB) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, kiB, shards, tags, settings);
    }

    public StreamMetadata withDistributionStrategy(RecordDistributionStrategy strategy) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                strategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags, settings);
    }

    public long retentionMs() {
        return retentionHours * 3_600_000L;
    }

    /** Records that arrived before this instant are no longer readable. */
    public long readableFromMs(long nowMs) {
        return Math.max(nowMs - retentionMs(), retentionFloorMs);
    }

    /** Shard {@code index}, or {@code null} when the stream never had it. */
    public ShardMetadata shard(int index) {
        boolean known = index >= 0 && index < shards.size() && shards.get(index).index() == index;
        return known ? shards.get(index) : null;
    }

    public long openShardCount() {
        return shards.stream().filter(ShardMetadata::open).count();
    }

    /** Whether records may be written: ACTIVE or UPDATING. */
    public boolean writable() {
        return status == StreamStatus.ACTIVE || status == StreamStatus.UPDATING;
    }
}
