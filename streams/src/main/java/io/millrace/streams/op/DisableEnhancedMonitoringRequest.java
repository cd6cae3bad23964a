package io.millrace.streams.op;

import java.util.List;

/** Input of DisableEnhancedMonitoring. {@code streamId} is reserved by AWS and ignored. */
public record DisableEnhancedMonitoringRequest(String streamName, List<String> shardLevelMetrics, String streamARN,
        String streamId) {
}
