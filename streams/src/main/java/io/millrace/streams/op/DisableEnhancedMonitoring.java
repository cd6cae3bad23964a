package io.millrace.streams.op;

import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DisableEnhancedMonitoring.html">
 * DisableEnhancedMonitoring</a>: removes the named metrics (ALL = every one) on an ACTIVE or UPDATING stream and answers
 * the metrics before and after; Describe* then list them. The change applies at once without an UPDATING phase
 * [UNVERIFIED whether AWS passes through UPDATING]. Millrace publishes no CloudWatch metrics. Thread-safe.
 */
public final class DisableEnhancedMonitoring
        implements SyncOperation<DisableEnhancedMonitoringRequest, EnhancedMonitoringResponse> {
    private final StreamRegistry streams;

    DisableEnhancedMonitoring(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public EnhancedMonitoringResponse call(DisableEnhancedMonitoringRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        return ShardLevelMetrics.change(streams, key, request.shardLevelMetrics(), false);
    }
}
