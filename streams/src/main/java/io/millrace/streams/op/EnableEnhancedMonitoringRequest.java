package io.millrace.streams.op;

import java.util.List;

/** Input of EnableEnhancedMonitoring. {@code streamId} is reserved by AWS and ignored. */
public record EnableEnhancedMonitoringRequest(String streamName, List<String> shardLevelMetrics, String streamARN,
        String streamId) {
}
