package io.millrace.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference for the Kafka backend's ingest rate: Kafka's own producer writing the same records as
 * {@link LoadGenerator} (1 KiB, a distinct key each, so they spread over the partitions like Kinesis partition keys
 * over shards) to a topic with as many partitions as the stream has shards, with the guarantees the gateway uses
 * ({@code acks=all}, idempotent). One thread sends asynchronously, as a Kafka application does; the producer's own
 * batching settings are Kafka's defaults unless given. Counts only acknowledged records.
 */
@Command(name = "kafka-producer", mixinStandardHelpOptions = true,
        description = "Ingest rate of Kafka's own producer (acks=all, idempotent) on a topic like a stream's")
final class KafkaProducerBench implements Callable<Integer> {
    @Option(names = "--bootstrap", required = true, description = "The cluster's HOST:PORT")
    String bootstrap;
    @Option(names = "--topic", defaultValue = "producer-bench", description = "Default: ${DEFAULT-VALUE}")
    String topic;
    @Option(names = "--partitions", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}")
    int partitions;
    @Option(names = "--duration-s", defaultValue = "30", description = "Default: ${DEFAULT-VALUE}")
    int durationS;
    @Option(names = "--record-bytes", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}")
    int recordBytes;
    @Option(names = "--warmup-s", defaultValue = "0",
            description = "Send this long first, unreported, so the JIT has compiled the producer (default: none)")
    int warmupS;
    @Option(names = "--linger-ms", description = "Producer linger.ms (default: Kafka's)")
    Integer lingerMs;
    @Option(names = "--batch-bytes", description = "Producer batch.size (default: Kafka's)")
    Integer batchBytes;
    @Option(names = "--max-request-bytes", description = "Producer max.request.size (default: Kafka's)")
    Integer maxRequestBytes;
    @Option(names = "--buffer-bytes", description = "Producer buffer.memory (default: Kafka's)")
    Long bufferBytes;

    @Override
    public Integer call() throws Exception {
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long startNs;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            warmUp(producer);
            createTopic(topic, producer);
            startNs = System.nanoTime();
            send(producer, topic, startNs + TimeUnit.SECONDS.toNanos(durationS), acked, failed);
            producer.flush();
        }
        long elapsedNs = System.nanoTime() - startNs;
        deleteTopic(topic); // a run writes gigabytes
        if (failed.get() > 0) {
            System.out.printf("put: %d records failed (not acknowledged)%n", failed.get());
        }
        System.out.printf("put: %d records in %.2f s = %.0f records/s%n", acked.get(), elapsedNs / 1e9,
                acked.get() / (elapsedNs / 1e9));
        return failed.get() == 0 ? 0 : 1;
    }

    /**
     * Sends for {@code warmupS} seconds, as the load generator warms up: to a new topic every
     * {@link LoadGenerator#WARMUP_CHUNK_S} seconds, each deleted once done, so the warm-up holds at most one chunk on
     * disk.
     */
    private void warmUp(KafkaProducer<byte[], byte[]> producer) throws Exception {
        for (int chunk = 0; chunk * LoadGenerator.WARMUP_CHUNK_S < warmupS; chunk++) {
            String warmupTopic = topic + "-warmup-" + chunk;
            createTopic(warmupTopic, producer);
            int seconds = Math.min(LoadGenerator.WARMUP_CHUNK_S, warmupS - chunk * LoadGenerator.WARMUP_CHUNK_S);
            send(producer, warmupTopic, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds), new AtomicLong(),
                    new AtomicLong());
            producer.flush();
            deleteTopic(warmupTopic);
        }
    }

    private void deleteTopic(String name) throws Exception {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(name)).all().get();
        }
    }

    /** Sends to topic {@code name} until {@code deadlineNs}, counting acknowledgements and failures. */
    private void send(KafkaProducer<byte[], byte[]> producer, String name, long deadlineNs, AtomicLong acked,
                      AtomicLong failed) {
        int counter = 0;
        while (System.nanoTime() < deadlineNs) {
            // Send in runs of 500 between clock reads, like one PutRecords call's worth of records.
            for (int i = 0; i < 500; i++, counter++) {
                byte[] key = ("0-" + counter).getBytes(StandardCharsets.UTF_8);
                byte[] value = LoadGenerator.Payload.of(0, counter, recordBytes);
                producer.send(new ProducerRecord<>(name, key, value), (metadata, failure) -> {
                    if (failure == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
        }
    }

    /**
     * Creates topic {@code name}, deleting it first if it exists, and sends one record to each partition and waits for
     * it.
     * An idempotent producer that pipelines batches to a partition whose leader is not yet serving it gets
     * NOT_LEADER_OR_FOLLOWER for the first and OUT_OF_ORDER_SEQUENCE_NUMBER for the rest, and stalls retrying.
     */
    private void createTopic(String name, KafkaProducer<byte[], byte[]> producer) throws Exception {
        createTopic(name);
        byte[] value = new byte[recordBytes];
        for (int partition = 0; partition < partitions; partition++) {
            producer.send(new ProducerRecord<>(name, partition, null, value)).get();
        }
    }

    private void createTopic(String name) throws Exception {
        try (Admin admin = admin()) {
            if (admin.listTopics().names().get().contains(name)) {
                admin.deleteTopics(List.of(name)).all().get();
            }
            // The same topic settings as a stream's topic, so broker-side work is alike.
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(Map.of(
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                    TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (lingerMs != null) {
            properties.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        }
        if (batchBytes != null) {
            properties.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        }
        if (maxRequestBytes != null) {
            properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes);
        }
        if (bufferBytes != null) {
            properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
        }
        return properties;
    }
}
