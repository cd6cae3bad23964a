package io.millrace.streams.channel;

import io.millrace.streams.model.ChannelEncryptionConfiguration;
import io.millrace.streams.model.ChannelLoggingConfiguration;
import io.millrace.streams.model.ChannelStatus;
import io.millrace.streams.model.RecordConfiguration;
import io.millrace.streams.model.S3DestinationConfiguration;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the engine persists about one channel (as JSON). Immutable; changes produce a copy.
 * {@code statusDueMs} is when CREATING/UPDATING turns ACTIVE or DELETING disappears; {@code statusReason} says why a
 * FAILED channel failed (null in every other state). {@code destination} has every
 * member filled in. {@code positions} maps a shard id to the next log position to deliver (absent = the shard's
 * trim horizon); {@code lastDeliveryMs} is when the last delivery round ended, from which the freshness interval
 * counts. Method names avoid the get/is prefixes so Jackson sees only the components.
 */
public record ChannelMetadata(String accountId, String region, String name, String arn, String id, long creationMs,
        ChannelStatus status, long statusDueMs, String statusReason, String serviceExecutionRoleArn,
        String streamStorageKey, String streamArn, long streamCreationMs, RecordConfiguration recordConfiguration,
        S3DestinationConfiguration destination, ChannelEncryptionConfiguration encryption,
        ChannelLoggingConfiguration logging, SortedMap<String, String> tags, SortedMap<String, Long> positions,
        long lastDeliveryMs) {

    public ChannelMetadata {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
        positions = Collections.unmodifiableSortedMap(new TreeMap<>(positions == null ? Map.of() : positions));
    }

    public ChannelMetadata withStatus(ChannelStatus newStatus, long dueMs) {
        return new ChannelMetadata(accountId, region, name, arn, id, creationMs, newStatus, dueMs, null,
                serviceExecutionRoleArn, streamStorageKey, streamArn, streamCreationMs, recordConfiguration,
                destination, encryption, logging, tags, positions, lastDeliveryMs);
    }

    public ChannelMetadata withSettings(S3DestinationConfiguration newDestination,
            ChannelLoggingConfiguration newLogging) {
        return new ChannelMetadata(accountId, region, name, arn, id, creationMs, status, statusDueMs, statusReason,
                serviceExecutionRoleArn, streamStorageKey, streamArn, streamCreationMs, recordConfiguration,
                newDestination, encryption, newLogging, tags, positions, lastDeliveryMs);
    }

    public ChannelMetadata withDelivered(Map<String, Long> newPositions, long atMs) {
        return new ChannelMetadata(accountId, region, name, arn, id, creationMs, status, statusDueMs, statusReason,
                serviceExecutionRoleArn, streamStorageKey, streamArn, streamCreationMs, recordConfiguration,
                destination, encryption, logging, tags, new TreeMap<>(newPositions), atMs);
    }

    /** FAILED for {@code reason}; a failed channel delivers nothing more until it is deleted and re-created. */
    public ChannelMetadata withFailure(String reason) {
        return new ChannelMetadata(accountId, region, name, arn, id, creationMs, ChannelStatus.FAILED, 0, reason,
                serviceExecutionRoleArn, streamStorageKey, streamArn, streamCreationMs, recordConfiguration,
                destination, encryption, logging, tags, positions, lastDeliveryMs);
    }

    public ChannelMetadata withTags(Map<String, String> newTags) {
        return new ChannelMetadata(accountId, region, name, arn, id, creationMs, status, statusDueMs, statusReason,
                serviceExecutionRoleArn, streamStorageKey, streamArn, streamCreationMs, recordConfiguration,
                destination, encryption, logging, new TreeMap<>(newTags), positions, lastDeliveryMs);
    }

    /** Whether a pending transition is due at {@code nowMs}. */
    public boolean isDue(long nowMs) {
        return (status == ChannelStatus.CREATING || status == ChannelStatus.UPDATING
                || status == ChannelStatus.DELETING) && statusDueMs <= nowMs;
    }

    /** The data freshness interval in milliseconds. */
    public long freshnessMs() {
        return destination.dataFreshnessInSeconds() * 1000L;
    }
}
