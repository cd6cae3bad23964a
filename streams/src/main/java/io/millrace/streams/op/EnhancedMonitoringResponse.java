package io.millrace.streams.op;

import java.util.List;

/**
 * Output of Enable- and DisableEnhancedMonitoring (model shape {@code EnhancedMonitoringOutput}): the metrics before
 * and after the call.
 */
public record EnhancedMonitoringResponse(String streamName, List<String> currentShardLevelMetrics,
        List<String> desiredShardLevelMetrics, String streamARN) {
}
