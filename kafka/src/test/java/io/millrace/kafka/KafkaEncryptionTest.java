package io.millrace.kafka;

import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import io.millrace.log.crypto.KeyRing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Encryption at rest on Kafka: what the broker stores, what readers get back, and which keys they need. */
class KafkaEncryptionTest {
    private static final String KEY = "alias/orders";

    @TempDir
    Path dir;

    @Test
    void sealedRecordsReadBackAndTheBrokerHoldsNoPlaintext() throws IOException {
        KafkaLogConfig config = SharedKafka.config("sealed").withKeyRing(keyRing("ring", line(KEY, 1, 1)));
        try (KafkaLogStore store = KafkaLogStore.open(config)) {
            ShardLog log = store.openShard("s", 0);
            log.append(List.of(record("key-clear", "clear-before")), 0).durable().join();
            log.append(List.of(record("key-secret-1", "plaintext-secret-one"),
                    record("key-secret-2", "plaintext-secret-two")), 0, KEY).durable().join();

            assertThat(log.read(0, 10, Long.MAX_VALUE).records())
                    .extracting(KafkaEncryptionTest::text, StoredRecord::partitionKey, StoredRecord::encryptionKeyId)
                    .containsExactly(tuple("clear-before", "key-clear", null),
                            tuple("plaintext-secret-one", "key-secret-1", KEY),
                            tuple("plaintext-secret-two", "key-secret-2", KEY));
        }
        List<String> raw = rawTopic(config, "s");
        assertThat(raw).hasSize(3);
        assertThat(raw.get(0)).contains("clear-before").contains("key-clear");
        assertThat(raw.subList(1, 3)).noneMatch(text -> text.contains("secret"));
    }

    @Test
    void aGatewayWithoutTheKeyCannotReadNorWriteSealedRecords() throws IOException {
        String prefix = SharedKafka.uniquePrefix("nokey");
        KafkaLogConfig withKey = KafkaLogConfig.of(SharedKafka.bootstrapServers()).withTopicPrefix(prefix)
                .withKeyRing(keyRing("ring", line(KEY, 1, 1)));
        try (KafkaLogStore store = KafkaLogStore.open(withKey)) {
            store.openShard("s", 0).append(List.of(record("k", "hidden")), 0, KEY).durable().join();
        }
        KafkaLogConfig other = KafkaLogConfig.of(SharedKafka.bootstrapServers()).withTopicPrefix(prefix)
                .withKeyRing(keyRing("other", line("alias/other", 1, 2)));
        try (KafkaLogStore store = KafkaLogStore.open(other)) {
            ShardLog log = store.openShard("s", 0);
            assertThatThrownBy(() -> log.read(0, 10, Long.MAX_VALUE))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.KEY_UNAVAILABLE));
            assertThatThrownBy(() -> log.append(List.of(record("k", "more")), 0, KEY))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.KEY_UNAVAILABLE));
            assertThat(log.endPosition()).isEqualTo(1);
        }
    }

    @Test
    void recordsSealedUnderARotatedKeyVersionStayReadable() throws IOException {
        String prefix = SharedKafka.uniquePrefix("rotate");
        KafkaLogConfig first = KafkaLogConfig.of(SharedKafka.bootstrapServers()).withTopicPrefix(prefix)
                .withKeyRing(keyRing("v1", line(KEY, 1, 1)));
        try (KafkaLogStore store = KafkaLogStore.open(first)) {
            store.openShard("s", 0).append(List.of(record("k", "under-v1")), 0, KEY).durable().join();
        }
        KafkaLogConfig rotated = first.withKeyRing(keyRing("v2", line(KEY, 1, 1), line(KEY, 2, 2)));
        try (KafkaLogStore store = KafkaLogStore.open(rotated)) {
            ShardLog log = store.openShard("s", 0);
            log.append(List.of(record("k", "under-v2")), 0, KEY).durable().join();
            assertThat(log.read(0, 10, Long.MAX_VALUE).records()).extracting(KafkaEncryptionTest::text)
                    .containsExactly("under-v1", "under-v2");
        }
        // The first key ring never had version 2: the second record names a version it cannot open.
        try (KafkaLogStore store = KafkaLogStore.open(first)) {
            ShardLog log = store.openShard("s", 0);
            assertThat(log.read(0, 1, Long.MAX_VALUE).records()).extracting(KafkaEncryptionTest::text)
                    .containsExactly("under-v1");
            assertThatThrownBy(() -> log.read(1, 1, Long.MAX_VALUE)).isInstanceOf(StorageException.class);
        }
    }

    private List<String> rawTopic(KafkaLogConfig config, String streamKey) {
        TopicPartition partition = new TopicPartition(TopicNames.streamTopic(config.topicPrefix(), streamKey), 0);
        Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> texts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (texts.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.ISO_8859_1);
                    texts.add(key + "|" + new String(record.value(), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return texts;
    }

    private KeyRing keyRing(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return KeyRing.load(file);
    }

    private static String line(String keyId, int version, int seed) {
        byte[] material = new byte[KeyRing.KEY_BYTES];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) (seed * 31 + i);
        }
        return keyId + " " + version + " " + Base64.getEncoder().encodeToString(material);
    }

    private static LogRecord record(String key, String data) {
        return new LogRecord(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(StoredRecord record) {
        return new String(record.data(), StandardCharsets.UTF_8);
    }
}
