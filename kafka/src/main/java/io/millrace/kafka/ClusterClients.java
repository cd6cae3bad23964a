package io.millrace.kafka;

import io.millrace.log.StorageException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka clients one store shares: an admin client, one idempotent producer ({@code acks=all}, every send names
 * its partition) and the pool of consumers reads borrow. Also turns client failures into {@link StorageException}s.
 *
 * <p>Thread safety: the admin client and the producer are thread-safe; consumers are handed out one reader at a time
 * by {@link ReaderPool}.
 */
final class ClusterClients implements AutoCloseable {
    private final KafkaLogConfig config;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ReaderPool readers;
    private final RecordCipher records;

    ClusterClients(KafkaLogConfig config) {
        this.config = config;
        this.records = new RecordCipher(config.keyRing());
        this.admin = Admin.create(adminProperties(config));
        this.producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.readers = new ReaderPool(this, config.readers(), config.requestTimeoutMs());
    }

    KafkaLogConfig config() {
        return config;
    }

    Admin admin() {
        return admin;
    }

    KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    ReaderPool readers() {
        return readers;
    }

    /** How Kinesis records are stored as Kafka records (sealed when encrypted). */
    RecordCipher records() {
        return records;
    }

    /** A new consumer for {@code assign}/{@code seek} reads: no group, nothing committed. */
    KafkaConsumer<byte[], byte[]> newConsumer() {
        // Reads stop at the end offset they saw, so a prefetch that waits at the end for new data only delays the
        // next seek (one fetch in flight per broker); answer such fetches almost at once.
        return newConsumer(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
    }

    /** As {@link #newConsumer()}, with {@code settings} in place of the read-oriented defaults. */
    KafkaConsumer<byte[], byte[]> newConsumer(Map<String, Object> settings) {
        Map<String, Object> properties = common(config);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putAll(settings);
        properties.putAll(config.clientProperties());
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits for an admin result, mapping every failure to a storage fault naming {@code what}. */
    <T> T await(KafkaFuture<T> future, String what) {
        return await(future.toCompletionStage().toCompletableFuture(), what);
    }

    <T> T await(Future<T> future, String what) {
        try {
            return future.get(config.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.IO, what + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw fault(what, e);
        }
    }

    /** A storage fault for a failed Kafka call, unwrapping the futures' wrappers. */
    static StorageException fault(String what, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StorageException storage) {
            return storage;
        }
        return new StorageException(StorageException.Kind.IO, what + ": " + cause, cause);
    }

    @Override
    public void close() {
        readers.close();
        producer.close();
        admin.close();
    }

    private static Map<String, Object> common(KafkaLogConfig config) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "millrace");
        return properties;
    }

    private static Map<String, Object> adminProperties(KafkaLogConfig config) {
        Map<String, Object> properties = common(config);
        properties.putAll(config.clientProperties());
        return properties;
    }

    private static Map<String, Object> producerProperties(KafkaLogConfig config) {
        Map<String, Object> properties = common(config);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // A Kinesis record may take 10 MiB (MaxRecordSizeInKiB); a PutRecords call carries up to 5 MiB.
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, KafkaLogStore.MAX_MESSAGE_BYTES);
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.putAll(config.clientProperties());
        // What the log's guarantees rest on: an acknowledged record is replicated, in order, exactly once.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        return properties;
    }
}
