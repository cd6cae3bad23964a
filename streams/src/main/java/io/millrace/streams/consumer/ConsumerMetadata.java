package io.millrace.streams.consumer;

import io.millrace.streams.model.ConsumerStatus;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One registered consumer as persisted. {@code statusDueMs} is when a CREATING consumer becomes ACTIVE or a
 * DELETING one disappears. Immutable. Method names avoid the get/is prefixes so Jackson sees only the components.
 */
public record ConsumerMetadata(String name, String arn, long creationMs, ConsumerStatus status, long statusDueMs,
        SortedMap<String, String> tags) {

    public ConsumerMetadata {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public ConsumerMetadata withStatus(ConsumerStatus newStatus, long dueMs) {
        return new ConsumerMetadata(name, arn, creationMs, newStatus, dueMs, tags);
    }

    public ConsumerMetadata withTags(Map<String, String> newTags) {
        return new ConsumerMetadata(name, arn, creationMs, status, statusDueMs, new TreeMap<>(newTags));
    }

    /** Whether a transition is due at {@code nowMs}. */
    boolean isDue(long nowMs) {
        return status != ConsumerStatus.ACTIVE && statusDueMs <= nowMs;
    }
}
