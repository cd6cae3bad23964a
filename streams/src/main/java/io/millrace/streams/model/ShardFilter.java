package io.millrace.streams.model;

import java.time.Instant;

/** Model shape {@code ShardFilter} (ListShards). */
public record ShardFilter(ShardFilterType type, String shardId, Instant timestamp) {
}
