package io.millrace.server.firehose;

import io.millrace.firehose.source.MskSourceSettings;
import io.millrace.firehose.source.ShardRead;
import io.millrace.firehose.source.SourceRecord;
import io.millrace.firehose.source.SourceShard;
import io.millrace.firehose.source.SourceStream;
import io.millrace.firehose.source.StreamSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka topics {@code MSKAsSource} delivery streams read, on the one cluster this server is configured with
 * ({@code --kafka-bootstrap}, with the {@code --kafka-config} client settings): whatever MSK cluster ARN a delivery
 * stream names, its topic is read there. A partition is a shard without lineage ({@code partition-<n>}), an offset
 * its sequence number, the topic's id its incarnation. Reads use one plain consumer with assign and seek: no consumer
 * group, nothing committed (positions are Firehose's own, persisted per delivery stream), committed transactions
 * only. A record without a value (a tombstone) is delivered as an empty record.
 *
 * <p>Thread-safe: calls are serialised on the instance, which owns its Kafka clients.
 */
public final class KafkaTopicSource implements StreamSource, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long READ_WAIT_MS = 2_000;
    private static final long TIMEOUT_MS = 30_000;
    private static final String SHARD_PREFIX = "partition-";

    /** Partitions are added rarely: a topic's description is reused this long. */
    private static final long DESCRIPTION_CACHE_NS = TimeUnit.SECONDS.toNanos(5);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Described> descriptions = new HashMap<>();

    /** A topic's description and when it was read. */
    private record Described(TopicDescription description, long readAtNs) {
    }

    /** @param clientProperties Kafka client settings for the cluster, including {@code bootstrap.servers} */
    public KafkaTopicSource(Map<String, String> clientProperties) {
        Map<String, Object> common = new HashMap<>(clientProperties);
        common.put(AdminClientConfig.CLIENT_ID_CONFIG, "millrace-firehose-msk");
        this.admin = Admin.create(common);
        Map<String, Object> consumerProperties = new HashMap<>(common);
        consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        this.consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @Override
    public boolean readsKafkaTopics() {
        return true;
    }

    @Override
    public synchronized boolean exists(String sourceId) {
        return describeTopic(sourceId).isPresent();
    }

    @Override
    public synchronized Optional<SourceStream> describe(String sourceId) {
        return describeTopic(sourceId).map(topic -> new SourceStream(topic.topicId().toString(),
                topic.partitions().stream()
                        .map(p -> new SourceShard(SHARD_PREFIX + p.partition(), null, null, false)).toList()));
    }

    @Override
    public synchronized ShardRead read(String sourceId, String shardId, String afterSequenceNumber, long startMs,
                                       int maxRecords, long maxBytes) {
        TopicPartition partition = new TopicPartition(MskSourceSettings.topicOf(sourceId),
                Integer.parseInt(shardId.substring(SHARD_PREFIX.length())));
        List<TopicPartition> assigned = List.of(partition);
        Duration timeout = Duration.ofMillis(TIMEOUT_MS);
        consumer.assign(assigned);
        long end = consumer.endOffsets(assigned, timeout).get(partition);
        long from;
        if (afterSequenceNumber != null) {
            // When retention has deleted it, the seek is out of range and the consumer resets to the oldest record.
            from = Long.parseLong(afterSequenceNumber) + 1;
        } else {
            OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, startMs), timeout).get(partition);
            from = found == null ? end : found.offset();
        }
        if (from >= end) {
            return new ShardRead(List.of(), false);
        }
        consumer.seek(partition, from);
        List<SourceRecord> records = new ArrayList<>();
        long bytes = 0;
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_WAIT_MS);
        while (records.isEmpty() && System.nanoTime() < deadlineNs) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                byte[] value = record.value() == null ? new byte[0] : record.value();
                if (records.size() >= maxRecords || (!records.isEmpty() && bytes + value.length > maxBytes)) {
                    break;
                }
                records.add(new SourceRecord(Long.toString(record.offset()), record.timestamp(), value));
                bytes += value.length;
            }
        }
        return new ShardRead(records, false);
    }

    @Override
    public synchronized void close() {
        consumer.close();
        admin.close();
    }

    private Optional<TopicDescription> describeTopic(String sourceId) {
        if (!MskSourceSettings.isTopic(sourceId)) {
            return Optional.empty();
        }
        String topic = MskSourceSettings.topicOf(sourceId);
        Described known = descriptions.get(topic);
        if (known != null && System.nanoTime() - known.readAtNs() < DESCRIPTION_CACHE_NS) {
            return Optional.of(known.description());
        }
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            descriptions.put(topic, new Described(description, System.nanoTime()));
            return Optional.of(description);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                descriptions.remove(topic);
                return Optional.empty();
            }
            throw new IllegalStateException("describing Kafka topic " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("describing Kafka topic " + topic + ": no answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("describing Kafka topic " + topic + ": interrupted", e);
        }
    }
}
