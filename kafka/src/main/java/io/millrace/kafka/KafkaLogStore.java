package io.millrace.kafka;

import io.millrace.log.LogStore;
import io.millrace.log.MetadataStore;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.crypto.KeyRing;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage SPI on an Apache Kafka cluster: one topic per stream ({@code <prefix>log.<escaped streamKey>}), one
 * partition per shard index, created on demand (CreateTopics, then CreatePartitions as shards are added). The shard
 * index is never reused within a stream and a stream key never across streams, so a partition serves one shard for
 * its whole life. Topics use {@code LogAppendTime}, so a record's Kafka timestamp is its arrival time, and keep
 * records until {@link ShardLog#trimOlderThan} deletes them (DeleteRecords): retention is the engine's, per stream,
 * not the broker's default.
 *
 * <p>Durability is Kafka's: {@code acks=all} with the topic's replication ({@link TopicReplication}: given, or the
 * cluster's {@code default.replication.factor} and {@code min.insync.replicas}). Kafka does not fsync by default, so a single broker is not crash-safe.
 *
 * <p>Thread safety: all methods may be called from any thread; topic creation for one stream is serialised.
 */
public final class KafkaLogStore implements LogStore {
    /** Largest record batch a topic accepts: a 10 MiB Kinesis record plus its key and Kafka's framing. */
    static final int MAX_MESSAGE_BYTES = 11 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLogStore.class);
    /** Segments roll at least hourly so that trimmed records free their disk within about an hour. */
    private static final String SEGMENT_MS = String.valueOf(60 * 60 * 1000L);

    private final ClusterClients clients;
    private final KafkaMetadataStore metadata;
    private final TopicReplication replication;
    private final AppendWatcher appendWatcher;
    private final Map<String, Map<Integer, KafkaShardLog>> logs = new ConcurrentHashMap<>();
    /** Partition counts known to exist, per topic. */
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    private KafkaLogStore(ClusterClients clients, KafkaMetadataStore metadata, TopicReplication replication) {
        this.clients = clients;
        this.metadata = metadata;
        this.replication = replication;
        this.appendWatcher = new AppendWatcher(clients);
    }

    /** The gateways' key ring ({@link KafkaLogConfig#keyRing()}): fixed, so it provisions no key of its own. */
    @Override
    public KeyRing keyRing() {
        return clients.records().keys();
    }

    /** Connects to the cluster and opens (creating if needed) the metadata topic; topics get the cluster's defaults. */
    public static KafkaLogStore open(KafkaLogConfig config) {
        return open(config, TopicReplication.CLUSTER_DEFAULTS, GatewayLease.DEFAULT);
    }

    /** Like {@link #open(KafkaLogConfig)}, with the given timing of the agreement between gateways. */
    public static KafkaLogStore open(KafkaLogConfig config, GatewayLease lease) {
        return open(config, TopicReplication.CLUSTER_DEFAULTS, lease);
    }

    /** Like {@link #open(KafkaLogConfig)}, replicating the topics this store creates as {@code replication} says. */
    public static KafkaLogStore open(KafkaLogConfig config, TopicReplication replication) {
        return open(config, replication, GatewayLease.DEFAULT);
    }

    /**
     * Connects to the cluster and opens (creating if needed) the metadata topic; the topics this store creates are
     * replicated as {@code replication} says, and gateways agree with the timing of {@code lease}.
     */
    public static KafkaLogStore open(KafkaLogConfig config, TopicReplication replication, GatewayLease lease) {
        ClusterClients clients = new ClusterClients(config);
        try {
            return new KafkaLogStore(clients, KafkaMetadataStore.open(clients, replication, lease), replication);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    @Override
    public ShardLog openShard(String streamKey, int shardIndex) {
        if (shardIndex < 0) {
            throw new IllegalArgumentException("shardIndex: " + shardIndex + " (expected: >= 0)");
        }
        String topic = TopicNames.streamTopic(clients.config().topicPrefix(), streamKey);
        return logs.computeIfAbsent(streamKey, k -> new ConcurrentHashMap<>()).computeIfAbsent(shardIndex, index -> {
            ensurePartitions(topic, index + 1);
            return new KafkaShardLog(clients, metadata, appendWatcher, new TopicPartition(topic, index));
        });
    }

    @Override
    public void deleteStream(String streamKey) {
        Map<Integer, KafkaShardLog> open = logs.remove(streamKey);
        if (open != null) {
            open.values().forEach(KafkaShardLog::close);
        }
        String topic = TopicNames.streamTopic(clients.config().topicPrefix(), streamKey);
        partitionCounts.remove(topic);
        try {
            clients.await(clients.admin().deleteTopics(List.of(topic)).all(), "deleting topic " + topic);
        } catch (StorageException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    @Override
    public MetadataStore metadata() {
        return metadata;
    }

    @Override
    public void close() {
        logs.values().forEach(open -> open.values().forEach(KafkaShardLog::close));
        logs.clear();
        appendWatcher.close();
        metadata.close();
        clients.close();
    }

    /** Makes sure {@code topic} has at least {@code count} partitions. */
    private synchronized void ensurePartitions(String topic, int count) {
        Integer known = partitionCounts.get(topic);
        if (known != null && known >= count) {
            return;
        }
        int existing = known != null ? known : describePartitions(topic);
        if (existing == 0) {
            existing = createTopic(topic, count);
        }
        if (existing < count) {
            try {
                clients.await(clients.admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(count))).all(),
                        "adding partitions to " + topic);
            } catch (StorageException e) {
                // Another gateway may have added them first; anything else is a fault.
                if (!(e.getCause() instanceof InvalidPartitionsException) || !awaitPartitions(topic, count)) {
                    throw e;
                }
            }
            existing = count;
        }
        partitionCounts.put(topic, existing);
    }

    private int createTopic(String topic, int partitions) {
        NewTopic newTopic = replication.newTopic(topic, partitions, Map.of(
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                TopicConfig.SEGMENT_MS_CONFIG, SEGMENT_MS,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES)));
        try {
            clients.await(clients.admin().createTopics(List.of(newTopic)).all(), "creating topic " + topic);
            LOG.debug("Created topic {} with {} partitions", topic, partitions);
            return partitions;
        } catch (StorageException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return describePartitions(topic);
            }
            throw e;
        }
    }

    /**
     * Whether {@code topic} shows at least {@code count} partitions within the request timeout. After another gateway
     * added them, the broker that refused our addition knows of them before the one answering descriptions may.
     */
    private boolean awaitPartitions(String topic, int count) {
        long deadlineNs = System.nanoTime() + clients.config().requestTimeoutMs() * 1_000_000L;
        while (describePartitions(topic) < count) {
            if (deadlineNs - System.nanoTime() <= 0) {
                return false;
            }
            try {
                Thread.sleep(20); // a poll of the cluster's metadata, which gives no notice when it catches up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The topic's partition count, 0 when it does not exist. */
    private int describePartitions(String topic) {
        try {
            TopicDescription description = clients.await(clients.admin().describeTopics(List.of(topic))
                    .topicNameValues().get(topic), "describing topic " + topic);
            return description.partitions().size();
        } catch (StorageException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }
}
