package io.millrace.streams.op;

import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DisableEnhancedMonitoring.html">
 * DisableEnhancedMonitoring</a>: removes the named metrics (ALL = every one) on an ACTIVE or UPDATING stream and answers the
 * metrics before and after; Describe* then list them. The change applies at once without an UPDATING phase
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
        Set<String> requested = ShardLevelMetrics.expand(request.shardLevelMetrics());
        AtomicReference<List<String>> before = new AtomicReference<>();
        StreamMetadata changed = streams.update(key, metadata -> {
            StreamErrors.checkChangeable(metadata);
            before.set(metadata.settings().shardLevelMetrics());
            Set<String> set = new TreeSet<>(before.get());
            set.removeAll(requested);
            return metadata.withSettings(metadata.settings()
                    .withShardLevelMetrics(ShardLevelMetrics.ordered(set)));
        });
        return new EnhancedMonitoringResponse(changed.name(), before.get(), changed.settings().shardLevelMetrics(),
                changed.arn());
    }
}
