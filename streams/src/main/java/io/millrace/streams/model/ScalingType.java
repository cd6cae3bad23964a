package io.millrace.streams.model;

/** Model shape {@code ScalingType}: how UpdateShardCount lays out the new shards. */
public enum ScalingType {
    UNIFORM_SCALING
}
