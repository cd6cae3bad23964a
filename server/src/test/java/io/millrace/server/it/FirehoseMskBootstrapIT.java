package io.millrace.server.it;

import io.millrace.kafka.SharedKafka;
import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --msk-bootstrap}: a server on the local backend, with no Kafka cluster of its own, reads the topic of an
 * MSKAsSource delivery stream at the Kafka cluster its MSK cluster ARN is mapped to (a KRaft broker in this JVM), and
 * refuses an ARN that is mapped nowhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirehoseMskBootstrapIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/firehose";
    private static final String MAPPED = "arn:aws:kafka:us-east-1:123456789012:cluster/mapped/abcd-1234";
    private static final String UNMAPPED = "arn:aws:kafka:us-east-1:123456789012:cluster/elsewhere/ef-56";
    private static final String PREFIX = SharedKafka.uniquePrefix("msk-bootstrap");

    private Path dataDir;
    private Millrace server;
    private FirehoseClient firehose;

    @BeforeEach
    void start() throws IOException {
        dataDir = Files.createTempDirectory("millrace-msk-bootstrap-it");
        server = Millrace.start(MillraceCommand.parse("--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(), "--msk-bootstrap", MAPPED + "=" + SharedKafka.bootstrapServers()));
        firehose = Clients.firehose(server.port());
    }

    @AfterEach
    void stop() {
        firehose.close();
        server.close();
        TestServer.deleteRecursively(dataDir);
    }

    @Test
    void aMappedClusterArnIsReadAtItsBootstrap() throws Exception {
        String topic = PREFIX + "orders";
        List<String> expected = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
            firehose.createDeliveryStream(b -> b.deliveryStreamName("orders")
                    .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                    .mskSourceConfiguration(m -> m.mskClusterARN(MAPPED).topicName(topic)
                            .authenticationConfiguration(a -> a.roleARN(ROLE).connectivity("PRIVATE"))
                            .readFromTimestamp(Instant.EPOCH))
                    .extendedS3DestinationConfiguration(DeliveredRecords.unbufferedS3(ROLE, "orders-bucket")));
            for (int i = 0; i < 5; i++) {
                String text = "order-" + i;
                producer.send(new ProducerRecord<>(topic, (text + ";").getBytes(StandardCharsets.UTF_8))).get();
                expected.add(text);
            }
        }

        assertThat(DeliveredRecords.await(dataDir.resolve("s3/orders-bucket"), expected.size()))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aClusterArnMappedNowhereIsRefusedWhenThereIsNoDefaultCluster() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("lost")
                .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                .mskSourceConfiguration(m -> m.mskClusterARN(UNMAPPED).topicName("t")
                        .authenticationConfiguration(a -> a.roleARN(ROLE).connectivity("PRIVATE")))
                .extendedS3DestinationConfiguration(DeliveredRecords.unbufferedS3(ROLE, "lost-bucket"))))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("MSKClusterARN " + UNMAPPED + " is not mapped "
                        + "to a Kafka cluster: this Millrace server has no --msk-bootstrap entry for it and no "
                        + "--kafka-bootstrap default."));
    }
}
