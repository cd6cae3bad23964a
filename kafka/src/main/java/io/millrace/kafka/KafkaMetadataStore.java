package io.millrace.kafka;

import io.millrace.log.MetadataStore;
import io.millrace.log.StorageException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata store on a single-partition compacted topic ({@code <prefix>metadata}): key = entry key (UTF-8),
 * value = entry bytes, a tombstone for a removal. A put or remove returns once the broker acknowledged it with
 * {@code acks=all}; {@link #loadAll()} reads the partition from its start to the end offset current at the call, so
 * it sees every acknowledged write, whichever gateway made it. This slice assumes one writing gateway per cluster:
 * nothing orders two gateways' writes to the same key (see README, "Kafka backend").
 *
 * <p>Thread safety: puts and removes may come from any thread (the producer is thread-safe); loads are serialised
 * on the store, which owns one consumer for them.
 */
public final class KafkaMetadataStore implements MetadataStore {
    private final ClusterClients clients;
    private final TopicPartition partition;
    private KafkaConsumer<byte[], byte[]> loader;
    private volatile boolean closed;

    private KafkaMetadataStore(ClusterClients clients, TopicPartition partition) {
        this.clients = clients;
        this.partition = partition;
    }

    static KafkaMetadataStore open(ClusterClients clients, TopicReplication replication) {
        String topic = TopicNames.metadataTopic(clients.config().topicPrefix());
        NewTopic newTopic = replication.newTopic(topic, 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(KafkaLogStore.MAX_MESSAGE_BYTES)));
        try {
            clients.await(clients.admin().createTopics(List.of(newTopic)).all(), "creating topic " + topic);
        } catch (StorageException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return new KafkaMetadataStore(clients, new TopicPartition(topic, 0));
    }

    @Override
    public synchronized Map<String, byte[]> loadAll() {
        checkOpen();
        if (loader == null) {
            loader = clients.newConsumer();
            loader.assign(List.of(partition));
        }
        String what = "loading metadata from " + partition;
        try {
            long end = loader.endOffsets(List.of(partition), timeout()).get(partition);
            loader.seekToBeginning(List.of(partition));
            Map<String, byte[]> entries = new HashMap<>();
            long deadlineNs = System.nanoTime() + clients.config().requestTimeoutMs() * 1_000_000L;
            while (loader.position(partition, timeout()) < end) {
                if (System.nanoTime() > deadlineNs) {
                    throw new StorageException(StorageException.Kind.IO, what + ": end offset " + end
                            + " not reached in time", null);
                }
                for (ConsumerRecord<byte[], byte[]> record : loader.poll(Duration.ofMillis(200)).records(partition)) {
                    if (record.offset() >= end) {
                        break;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        entries.remove(key);
                    } else {
                        entries.put(key, record.value());
                    }
                }
            }
            return entries;
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ClusterClients.fault(what, e);
        }
    }

    @Override
    public void put(String key, byte[] value) {
        write(key, value.clone());
    }

    @Override
    public void remove(String key) {
        write(key, null);
    }

    private void write(String key, byte[] valueOrTombstone) {
        checkOpen();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(partition.topic(), partition.partition(),
                key.getBytes(StandardCharsets.UTF_8), valueOrTombstone);
        try {
            clients.await(clients.producer().send(record), "writing metadata " + key);
        } catch (RuntimeException e) {
            throw ClusterClients.fault("writing metadata " + key, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the metadata store is closed", null);
        }
    }

    private Duration timeout() {
        return Duration.ofMillis(clients.config().requestTimeoutMs());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (loader != null) {
            loader.close(Duration.ZERO);
            loader = null;
        }
    }
}
