package io.millrace.streams.model;

/** How an on-demand stream places records on shards (2026 supplement). */
public enum RecordDistributionStrategy {
    AUTO, USER_PARTITION_KEY
}
