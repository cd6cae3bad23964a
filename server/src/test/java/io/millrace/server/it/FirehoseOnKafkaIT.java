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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;

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
 * Firehose on the Kafka backend, with the real SDK clients and a real KRaft broker in this JVM: a DirectPut stream
 * buffers in a Kafka topic and delivers to the S3 directory, and an MSKAsSource stream delivers what Kafka's own
 * producer writes to an existing topic.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirehoseOnKafkaIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/firehose";
    private static final String CLUSTER = "arn:aws:kafka:us-east-1:123456789012:cluster/demo/abcd-1234";

    private static final String PREFIX = SharedKafka.uniquePrefix("firehose");
    private static Path dataDir;
    private static Millrace server;
    private static FirehoseClient firehose;
    private static Admin admin;

    /** One gateway for the class: each test uses delivery streams and topics of its own. */
    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("millrace-firehose-kafka-it");
        server = Millrace.start(MillraceCommand.parse("--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(), "--backend", "kafka",
                "--kafka-bootstrap", SharedKafka.bootstrapServers(), "--kafka-topic-prefix", PREFIX));
        firehose = Clients.firehose(server.port());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        firehose.close();
        admin.close();
        server.close();
        TestServer.deleteRecursively(dataDir);
    }

    @Test
    void aDirectPutStreamBuffersInKafkaAndDeliversToS3() throws Exception {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("direct")
                .extendedS3DestinationConfiguration(DeliveredRecords.unbufferedS3(ROLE, "direct-bucket")));
        List<Record> records = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(Record.builder().data(SdkBytes.fromUtf8String("direct-" + i + ";")).build());
            expected.add("direct-" + i);
        }
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("direct").records(records)).failedPutCount())
                .isZero();

        assertThat(DeliveredRecords.await(dataDir.resolve("s3/direct-bucket"), expected.size()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(admin.listTopics().names().get()).anySatisfy(topic -> assertThat(topic)
                .startsWith(PREFIX + "log.").contains("direct"));
    }

    @Test
    void anMskSourceDeliversWhatKafkasProducerWritesToAnExistingTopic() throws Exception {
        String topic = PREFIX + "clicks";
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(2), Optional.empty()))).all().get();
        List<String> expected = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            produce(producer, topic, "early", expected); // before the delivery stream: read from epoch 0
            firehose.createDeliveryStream(b -> b.deliveryStreamName("clicks")
                    .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                    .mskSourceConfiguration(m -> m.mskClusterARN(CLUSTER).topicName(topic)
                            .authenticationConfiguration(a -> a.roleARN(ROLE).connectivity("PRIVATE"))
                            .readFromTimestamp(Instant.EPOCH))
                    .extendedS3DestinationConfiguration(DeliveredRecords.unbufferedS3(ROLE, "clicks-bucket")));
            produce(producer, topic, "late", expected);
        }

        assertThat(DeliveredRecords.await(dataDir.resolve("s3/clicks-bucket"), expected.size()))
                .containsExactlyInAnyOrderElementsOf(expected);
        DeliveryStreamDescription description = firehose.describeDeliveryStream(b -> b.deliveryStreamName("clicks"))
                .deliveryStreamDescription();
        assertThat(description.deliveryStreamType()).isEqualTo(DeliveryStreamType.MSK_AS_SOURCE);
        assertThat(description.source().mskSourceDescription().mskClusterARN()).isEqualTo(CLUSTER);
        assertThat(description.source().mskSourceDescription().topicName()).isEqualTo(topic);
        assertThat(description.source().mskSourceDescription().readFromTimestamp()).isEqualTo(Instant.EPOCH);
        assertThat(description.source().mskSourceDescription().authenticationConfiguration().roleARN())
                .isEqualTo(ROLE);
    }

    @Test
    void anMskSourceOnATopicThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("nothing")
                .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                .mskSourceConfiguration(m -> m.mskClusterARN(CLUSTER).topicName(PREFIX + "absent")
                        .authenticationConfiguration(a -> a.roleARN(ROLE).connectivity("PRIVATE")))
                .extendedS3DestinationConfiguration(DeliveredRecords.unbufferedS3(ROLE, "nothing-bucket"))))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Topic " + PREFIX + "absent does not exist "
                        + "in the Kafka cluster " + CLUSTER + "."));
    }

    private static void produce(KafkaProducer<byte[], byte[]> producer, String topic, String name,
                                List<String> expected) throws Exception {
        for (int i = 0; i < 10; i++) {
            String text = name + "-" + i;
            producer.send(new ProducerRecord<>(topic, text.getBytes(StandardCharsets.UTF_8),
                    (text + ";").getBytes(StandardCharsets.UTF_8))).get();
            expected.add(text);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }



}
