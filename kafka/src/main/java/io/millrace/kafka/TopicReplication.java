package io.millrace.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the topics Millrace creates are replicated: the replication factor and {@code min.insync.replicas}, each
 * either given or left to the cluster's defaults ({@code default.replication.factor}, {@code min.insync.replicas}).
 * With {@code acks=all}, an acknowledged record survives the loss of {@code minInsyncReplicas - 1} brokers. Topics
 * that already exist keep their settings. Immutable.
 *
 * @param replicationFactor  replicas per partition, or 0 for the cluster's default
 * @param minInsyncReplicas  replicas that must have a record before it is acknowledged, or 0 for the cluster's
 *                           default
 */
public record TopicReplication(int replicationFactor, int minInsyncReplicas) {
    /** Everything left to the cluster. */
    public static final TopicReplication CLUSTER_DEFAULTS = new TopicReplication(0, 0);

    public TopicReplication {
        if (replicationFactor < 0 || replicationFactor > Short.MAX_VALUE || minInsyncReplicas < 0) {
            throw new IllegalArgumentException("replicationFactor: " + replicationFactor + ", minInsyncReplicas: "
                    + minInsyncReplicas + " (expected: 0 for the cluster's default, or a positive count)");
        }
        if (replicationFactor > 0 && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("minInsyncReplicas " + minInsyncReplicas
                    + " exceeds replicationFactor " + replicationFactor + ": no write could be acknowledged");
        }
    }

    /** A topic {@code name} with {@code partitions} partitions, this replication and {@code configs}. */
    NewTopic newTopic(String name, int partitions, Map<String, String> configs) {
        Optional<Short> factor = replicationFactor == 0 ? Optional.empty() : Optional.of((short) replicationFactor);
        Map<String, String> all = new HashMap<>(configs);
        if (minInsyncReplicas > 0) {
            all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
        }
        return new NewTopic(name, Optional.of(partitions), factor).configs(all);
    }
}
