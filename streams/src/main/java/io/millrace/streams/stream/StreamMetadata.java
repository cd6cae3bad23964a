package io.millrace.streams.stream;

import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;

import java.util.ArrayList;
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
 * {@code shardCountUpdatesMs} and {@code modeSwitchesMs} remember when UpdateShardCount and UpdateStreamMode
 * succeeded, for their limits per rolling 24 hours (older entries are dropped as new ones are added).
 * Method names avoid the get/is prefixes so Jackson sees only the components.
 */
public record StreamMetadata(String storageKey, String accountId, String region, String name, String arn,
        long creationMs, StreamStatus status, long statusDueMs, StreamMode mode,
        RecordDistributionStrategy distributionStrategy, int retentionHours, long retentionFloorMs,
        int maxRecordSizeKiB,
        List<ShardMetadata> shards, SortedMap<String, String> tags, StreamSettings settings,
        List<Long> shardCountUpdatesMs, List<Long> modeSwitchesMs) {
    private static final long DAY_MS = 86_400_000L;

    public StreamMetadata {
        shards = List.copyOf(shards);
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
        // Metadata persisted before these existed loads with the defaults.
        settings = settings == null ? StreamSettings.DEFAULT : settings;
        shardCountUpdatesMs = shardCountUpdatesMs == null ? List.of() : List.copyOf(shardCountUpdatesMs);
        modeSwitchesMs = modeSwitchesMs == null ? List.of() : List.copyOf(modeSwitchesMs);
    }

    /** A new stream's metadata: default {@link StreamSettings}, shard count and mode never updated. */
    public StreamMetadata(String storageKey, String accountId, String region, String name, String arn,
            long creationMs, StreamStatus status, long statusDueMs, StreamMode mode,
            RecordDistributionStrategy distributionStrategy, int retentionHours, long retentionFloorMs,
            int maxRecordSizeKiB, List<ShardMetadata> shards, SortedMap<String, String> tags) {
        this(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode, distributionStrategy,
                retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags, StreamSettings.DEFAULT, List.of(),
                List.of());
    }

    public StreamKey key() {
        return new StreamKey(accountId, region, name);
    }

    public StreamMetadata withStatus(StreamStatus newStatus, long dueMs) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, newStatus, dueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags,
                settings, shardCountUpdatesMs, modeSwitchesMs);
    }

    public StreamMetadata withRetention(int hours, long floorMs) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, hours, floorMs, maxRecordSizeKiB, shards, tags,
                settings, shardCountUpdatesMs, modeSwitchesMs);
    }

    public StreamMetadata withTags(Map<String, String> newTags) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards,
                new TreeMap<>(newTags), settings, shardCountUpdatesMs, modeSwitchesMs);
    }

    public StreamMetadata withSettings(StreamSettings newSettings) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags,
                newSettings, shardCountUpdatesMs,
                modeSwitchesMs);
    }

    public StreamMetadata withMaxRecordSizeKiB(int kiB) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, kiB, shards, tags,
                settings, shardCountUpdatesMs, modeSwitchesMs);
    }

    public StreamMetadata withDistributionStrategy(RecordDistributionStrategy strategy) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                strategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags,
                settings, shardCountUpdatesMs, modeSwitchesMs);
    }

    /** The same stream with {@code newShards} (every shard ever, indexed by position). */
    public StreamMetadata withShards(List<ShardMetadata> newShards) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, newShards, tags,
                settings, shardCountUpdatesMs, modeSwitchesMs);
    }

    /** The same stream in {@code newMode}, remembering the switch at {@code atMs}. */
    public StreamMetadata withModeSwitch(StreamMode newMode, long atMs) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs,
                newMode, distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags,
                settings, shardCountUpdatesMs, recentPlus(modeSwitchesMs, atMs));
    }

    /** The same stream, remembering an UpdateShardCount at {@code atMs}. */
    public StreamMetadata withShardCountUpdate(long atMs) {
        return new StreamMetadata(storageKey, accountId, region, name, arn, creationMs, status, statusDueMs, mode,
                distributionStrategy, retentionHours, retentionFloorMs, maxRecordSizeKiB, shards, tags,
                settings, recentPlus(shardCountUpdatesMs, atMs), modeSwitchesMs);
    }

    /** How many of {@code instantsMs} fall in the 24 hours up to {@code nowMs}. */
    public static long countInLastDay(List<Long> instantsMs, long nowMs) {
        return instantsMs.stream().filter(t -> t > nowMs - DAY_MS).count();
    }

    private static List<Long> recentPlus(List<Long> instantsMs, long nowMs) {
        List<Long> kept = new ArrayList<>(instantsMs.stream().filter(t -> t > nowMs - DAY_MS).toList());
        kept.add(nowMs);
        return kept;
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
