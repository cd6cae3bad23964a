package io.millrace.server.it;

import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionConfiguration;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.KeyType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.KmsNotFoundException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encryption at rest through the real SDKs: what is on disk, what reads back, across a restart. */
class EncryptionAtRestIT {
    private Path dataDir;
    private Millrace server;
    private KinesisClient kinesis;

    @BeforeEach
    void start() throws IOException {
        dataDir = Files.createTempDirectory("millrace-encryption-it");
        startServer();
    }

    @AfterEach
    void stop() {
        stopServer();
        TestServer.deleteRecursively(dataDir);
    }

    @Test
    void anEncryptedStreamKeepsNoPlaintextOnDiskAndReadsBackAcrossARestart() throws IOException {
        kinesis.createStream(b -> b.streamName("secure").shardCount(1));
        kinesis.startStreamEncryption(b -> b.streamName("secure").encryptionType(EncryptionType.KMS)
                .keyId("alias/aws/kinesis"));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("secure")).streamDescriptionSummary())
                .satisfies(s -> {
                    assertThat(s.encryptionType()).isEqualTo(EncryptionType.KMS);
                    assertThat(s.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
                });
        kinesis.putRecords(b -> b.streamName("secure").records(IntStream.range(0, 5)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("pk-" + i)
                        .data(SdkBytes.fromUtf8String("top-secret-" + i)).build()).toList()));
        assertThat(kinesis.putRecord(b -> b.streamName("secure").partitionKey("pk")
                .data(SdkBytes.fromUtf8String("top-secret-single"))).encryptionType()).isEqualTo(EncryptionType.KMS);

        assertThat(filesContaining(dataDir, "top-secret")).isEmpty();
        List<Record> encrypted = readAll("secure");
        assertThat(encrypted).extracting(r -> r.data().asUtf8String()).containsExactly("top-secret-0",
                "top-secret-1", "top-secret-2", "top-secret-3", "top-secret-4", "top-secret-single");
        assertThat(encrypted).extracting(Record::encryptionType).containsOnly(EncryptionType.KMS);

        kinesis.stopStreamEncryption(b -> b.streamName("secure").encryptionType(EncryptionType.KMS)
                .keyId("alias/aws/kinesis"));
        kinesis.putRecord(b -> b.streamName("secure").partitionKey("pk").data(SdkBytes.fromUtf8String("public-note")));
        assertThat(filesContaining(dataDir.resolve("streams"), "public-note")).isNotEmpty();

        stopServer();
        startServer();
        List<Record> all = readAll("secure");
        assertThat(all).extracting(r -> r.data().asUtf8String()).containsExactly("top-secret-0", "top-secret-1",
                "top-secret-2", "top-secret-3", "top-secret-4", "top-secret-single", "public-note");
        assertThat(all.get(5).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(all.get(6).encryptionType()).isNull();
        assertThat(filesContaining(dataDir, "top-secret")).isEmpty();
    }

    @Test
    void withAKeyRingFileOnlyItsKeysCanEncrypt() throws IOException {
        Path keyring = dataDir.resolveSibling(dataDir.getFileName() + ".keyring");
        Files.writeString(keyring, "alias/orders 1 " + Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        try {
            stopServer();
            startServer("--keyring", keyring.toString());
            kinesis.createStream(b -> b.streamName("orders").shardCount(1));
            assertThatThrownBy(() -> kinesis.startStreamEncryption(b -> b.streamName("orders")
                    .encryptionType(EncryptionType.KMS).keyId("alias/unknown")))
                    .isInstanceOf(KmsNotFoundException.class);
            kinesis.startStreamEncryption(b -> b.streamName("orders").encryptionType(EncryptionType.KMS)
                    .keyId("alias/orders"));
            kinesis.putRecord(b -> b.streamName("orders").partitionKey("pk")
                    .data(SdkBytes.fromUtf8String("order-confidential")));
            assertThat(filesContaining(dataDir, "order-confidential")).isEmpty();
            assertThat(dataDir.resolve("keyring")).doesNotExist();
            assertThat(readAll("orders")).extracting(r -> r.data().asUtf8String())
                    .containsExactly("order-confidential");
        } finally {
            Files.deleteIfExists(keyring);
        }
    }

    @Test
    void anEncryptedDeliveryStreamBuffersNoPlaintext() throws IOException {
        try (FirehoseClient firehose = FirehoseClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(Clients.CREDENTIALS).build()) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("vault")
                    .extendedS3DestinationConfiguration(s3 -> s3.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::vault-bucket")
                            .bufferingHints(h -> h.intervalInSeconds(900).sizeInMBs(128))));
            firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("vault")
                    .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.AWS_OWNED_CMK)));
            DeliveryStreamEncryptionConfiguration enabled = firehose.describeDeliveryStream(b -> b
                    .deliveryStreamName("vault")).deliveryStreamDescription().deliveryStreamEncryptionConfiguration();
            assertThat(enabled.status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
            assertThat(enabled.keyType()).isEqualTo(KeyType.AWS_OWNED_CMK);
            assertThat(firehose.putRecord(b -> b.deliveryStreamName("vault")
                    .record(r -> r.data(SdkBytes.fromUtf8String("buffered-secret")))).encrypted()).isTrue();
            assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("vault")
                    .records(r -> r.data(SdkBytes.fromUtf8String("batched-secret")))).encrypted()).isTrue();
            assertThat(filesContaining(dataDir, "-secret")).isEmpty();

            firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("vault"));
            assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("vault")).deliveryStreamDescription()
                    .deliveryStreamEncryptionConfiguration().status())
                    .isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
            Boolean encrypted = firehose.putRecord(b -> b.deliveryStreamName("vault")
                    .record(r -> r.data(SdkBytes.fromUtf8String("buffered-plain")))).encrypted();
            assertThat(encrypted).isNotEqualTo(Boolean.TRUE);
            assertThat(filesContaining(dataDir.resolve("streams"), "buffered-plain")).isNotEmpty();
        }
    }

    private List<Record> readAll(String stream) {
        String shardId = kinesis.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return kinesis.getRecords(b -> b.shardIterator(iterator).limit(100)).records();
    }

    private void startServer(String... extra) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir",
                dataDir.toString()));
        args.addAll(List.of(extra));
        server = Millrace.start(MillraceCommand.parse(args.toArray(String[]::new)));
        kinesis = Clients.sync(endpoint(), true);
    }

    private void stopServer() {
        if (server != null) {
            kinesis.close();
            server.close();
            server = null;
        }
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Every regular file under {@code root} whose bytes contain {@code needle}. */
    private static List<Path> filesContaining(Path root, String needle) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle)) {
                    found.add(file);
                }
            }
        }
        return found;
    }
}
