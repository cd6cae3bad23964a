package io.millrace.kafka;

import io.millrace.log.SharedMetadata;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata topic compacts: every record a later version superseded, every losing proposal and the metadata of a
 * removed entry get tombstones, only the record that decides each entry's state stays, and the topic carries
 * compaction settings that let Kafka act on them.
 */
class MetadataCompactionTest {
    private static final long WAIT_MS = 20_000;
    private final KafkaLogConfig config = SharedKafka.config("compaction");
    private final KafkaLogStore first = KafkaLogStore.open(config);
    private final KafkaLogStore second = KafkaLogStore.open(config);

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void aRemovedEntrysMetadataRecordsAndALosingProposalAreTombstonedAndAGatewayStartingLaterAgrees()
            throws Exception {
        SharedMetadata a = (SharedMetadata) first.metadata();
        SharedMetadata b = (SharedMetadata) second.metadata();
        String key = "kinesis/stream/123/us-east-1/deleted";
        assertThat(a.compareAndSet(key, 0, utf8("v1"))).isTrue();
        assertThat(b.compareAndSet(key, 0, utf8("stale"))).as("a losing proposal").isFalse();
        assertThat(b.compareAndSet(key, 1, utf8("v2"))).isTrue();
        assertThat(a.compareAndSet(key, 2, null)).as("the removal").isTrue();
        assertThat(a.compareAndSet("kinesis/stream/123/us-east-1/kept", 0, utf8("kept"))).isTrue();

        List<ConsumerRecord<byte[], byte[]>> log = awaitLog(records -> {
            Set<String> tombstoned = tombstonedKeys(records);
            return proposals(records).size() >= 5 && proposals(records).stream().filter(r -> r.value().length > 0 && !"kept".equals(text(r)))
                    .allMatch(r -> tombstoned.contains(text(r.key())));
        });

        Set<String> tombstoned = tombstonedKeys(log);
        assertThat(proposals(log)).extracting(MetadataCompactionTest::text)
                .contains("v1", "stale", "v2", "kept");
        for (ConsumerRecord<byte[], byte[]> proposal : proposals(log)) {
            boolean decidesState = "kept".equals(text(proposal)) || proposal.value().length == 0;
            assertThat(tombstoned.contains(text(proposal.key())))
                    .as("record %s (%s) tombstoned", text(proposal.key()), text(proposal))
                    .isEqualTo(!decidesState);
        }
        try (KafkaLogStore later = KafkaLogStore.open(config)) {
            SharedMetadata c = (SharedMetadata) later.metadata();
            assertThat(c.current(key)).isEqualTo(a.current(key));
            assertThat(c.current(key).version()).as("a removal keeps its version").isEqualTo(3);
            assertThat(later.metadata().loadAll()).doesNotContainKey(key)
                    .containsKey("kinesis/stream/123/us-east-1/kept");
        }
    }

    @Test
    void theMetadataTopicIsCompactedWithSegmentsThatRollAndAShortCleanableRatio() {
        String topic = TopicNames.metadataTopic(config.topicPrefix());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (ClusterClients clients = new ClusterClients(config)) {
            Config settings = clients.await(clients.admin().describeConfigs(List.of(resource)).values()
                    .get(resource), "describing " + topic);
            assertThat(settings.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(Long.parseLong(settings.get(TopicConfig.SEGMENT_MS_CONFIG).value()))
                    .isLessThanOrEqualTo(3_600_000L);
            assertThat(settings.get(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG).value()).isEqualTo("0.1");
        }
    }

    /** Reads the whole metadata topic until {@code done} holds for what was read (tombstones are sent async). */
    private List<ConsumerRecord<byte[], byte[]>> awaitLog(
            java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        TopicPartition partition = new TopicPartition(TopicNames.metadataTopic(config.topicPrefix()), 0);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        try (ClusterClients clients = new ClusterClients(config);
             KafkaConsumer<byte[], byte[]> consumer = clients.newConsumer()) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (!done.test(records)) {
                assertThat(System.currentTimeMillis()).as("tombstones written in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(100)).records(partition).forEach(records::add);
            }
        }
        return records;
    }

    private static List<ConsumerRecord<byte[], byte[]>> proposals(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.headers().lastHeader(MetadataTail.VERSION_HEADER) != null).toList();
    }

    private static Set<String> tombstonedKeys(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> keys = new HashSet<>();
        records.stream().filter(r -> r.value() == null).forEach(r -> keys.add(text(r.key())));
        return keys;
    }

    private static String text(ConsumerRecord<byte[], byte[]> record) {
        return text(record.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
