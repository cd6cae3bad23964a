package io.millrace.streams.op;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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

    /** {@code metrics} in the model's order. */
    static List<String> ordered(Collection<String> metrics) {
        return EVERY.stream().filter(metrics::contains).toList();
    }
}
