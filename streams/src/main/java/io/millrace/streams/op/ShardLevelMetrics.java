package io.millrace.streams.op;

import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/** The enhanced-monitoring metric names (reference 3.9): {@code ALL} expands to the seven. Stateless. */
final class ShardLevelMetrics {
    static final String ALL = "ALL";
    /** Every metric, in the model's order, which is also the order answers list them in. */
    static final List<String> EVERY = List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes",
            "OutgoingRecords", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded",
            "IteratorAgeMilliseconds");

    private ShardLevelMetrics() {
    }

    /** The named metrics with {@code ALL} expanded, without duplicates. */
    static Set<String> expand(Collection<String> names) {
        Set<String> expanded = new TreeSet<>();
        for (String name : names) {
            if (ALL.equals(name)) {
                expanded.addAll(EVERY);
            } else {
                expanded.add(name);
            }
        }
        return expanded;
    }

    /**
     * Adds ({@code enable}) or removes the named metrics of the stream and answers the metrics before and after,
     * as Enable/DisableEnhancedMonitoring do. The stream must be ACTIVE or UPDATING.
     */
    static EnhancedMonitoringResponse change(StreamRegistry streams, StreamKey key, Collection<String> names,
                                             boolean enable) {
        Set<String> requested = expand(names);
        AtomicReference<List<String>> before = new AtomicReference<>();
        StreamMetadata changed = streams.update(key, metadata -> {
            StreamErrors.checkChangeable(metadata);
            before.set(metadata.settings().shardLevelMetrics());
            Set<String> metrics = new TreeSet<>(before.get());
            if (enable) {
                metrics.addAll(requested);
            } else {
                metrics.removeAll(requested);
            }
            return metadata.withSettings(metadata.settings().withShardLevelMetrics(ordered(metrics)));
        });
        return new EnhancedMonitoringResponse(changed.name(), before.get(), changed.settings().shardLevelMetrics(),
                changed.arn());
    }

    /** {@code metrics} in the model's order. */
    static List<String> ordered(Collection<String> metrics) {
        return EVERY.stream().filter(metrics::contains).toList();
    }
}
