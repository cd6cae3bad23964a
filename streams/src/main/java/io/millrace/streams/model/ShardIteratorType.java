package io.millrace.streams.model;

/** Where a shard iterator starts (model shape {@code ShardIteratorType}). */
public enum ShardIteratorType {
    AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP
}
