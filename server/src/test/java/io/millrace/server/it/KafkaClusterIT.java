package io.millrace.server.it;

import io.millrace.kafka.EmbeddedKafkaCluster;
import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Millrace on a three-broker Kafka cluster (in this JVM, every listener on 127.0.0.1) with replication factor 3 and
 * {@code min.insync.replicas=2}: records acknowledged before and after the broker leading a shard's partition stops
 * are all read back, byte for byte, through the real AWS SDK. Three brokers on two cores take long to start, so the
 * test is tagged {@code cluster} and runs in the nightly profile ({@code mvn -Pnightly test}), not in every build.
 */
@Tag("cluster")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KafkaClusterIT {
    private static final String STREAM = "replicated";
    private static final String PREFIX = "cluster.";

    private static EmbeddedKafkaCluster cluster;
    private static Path dataDir;
    private static Millrace server;

    @BeforeAll
    static void start() throws Exception {
        cluster = EmbeddedKafkaCluster.start(3);
        dataDir = Files.createTempDirectory("millrace-kafka-cluster-it");
        server = Millrace.start(MillraceCommand.parse("--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(), "--backend", "kafka", "--kafka-bootstrap",
                cluster.bootstrapServers(), "--kafka-topic-prefix", PREFIX, "--kafka-replication-factor", "3",
                "--kafka-min-insync-replicas", "2"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (dataDir != null) {
            TestServer.deleteRecursively(dataDir);
        }
    }

    @Test
    void noAcknowledgedRecordIsLostWhenTheBrokerLeadingAShardStops() throws Exception {
        try (KinesisClient kinesis = Clients.sync(URI.create("http://127.0.0.1:" + server.port()), true);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     cluster.bootstrapServers()))) {
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName(STREAM));
            Map<String, String> acknowledged = new HashMap<>();
            put(kinesis, "before", acknowledged);
            assertThat(acknowledged).hasSize(200);

            TopicDescription topic = streamTopic(admin);
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            assertThat(minInsyncReplicas(admin, topic.name())).isEqualTo("2");
            TopicPartitionInfo first = topic.partitions().get(0);
            cluster.stop(first.leader().id() - 1);

            put(kinesis, "after", acknowledged);
            assertThat(acknowledged).hasSizeGreaterThan(200);
            assertThat(readAll(kinesis)).containsAllEntriesOf(acknowledged);
            assertThat(minInsyncReplicas(admin, topic.name())).isEqualTo("2");
        }
    }

    /** Puts 200 records in two PutRecords calls, adding the acknowledged ones (sequence number → data). */
    private static void put(KinesisClient kinesis, String prefix, Map<String, String> acknowledged) {
        for (int call = 0; call < 2; call++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(prefix + call + "-" + i)
                        .data(SdkBytes.fromUtf8String(prefix + " " + call + " " + i)).build());
            }
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(STREAM).records(entries));
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                if (result.errorCode() == null) {
                    acknowledged.put(result.sequenceNumber(), entries.get(i).data().asUtf8String());
                }
            }
        }
    }

    private static Map<String, String> readAll(KinesisClient kinesis) {
        Map<String, String> read = new HashMap<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(STREAM)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(current));
                for (Record record : page.records()) {
                    read.put(record.sequenceNumber(), record.data().asUtf8String());
                }
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return read;
    }

    private static TopicDescription streamTopic(Admin admin) throws Exception {
        String name = admin.listTopics().names().get().stream().filter(t -> t.startsWith(PREFIX + "log."))
                .findFirst().orElseThrow();
        return admin.describeTopics(List.of(name)).topicNameValues().get(name).get();
    }

    private static String minInsyncReplicas(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
    }
}
