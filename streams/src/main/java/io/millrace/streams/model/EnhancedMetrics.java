package io.millrace.streams.model;

import java.util.List;

/** Model shape {@code EnhancedMetrics}. */
public record EnhancedMetrics(List<String> shardLevelMetrics) {
}
