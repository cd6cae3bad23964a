package io.millrace.server.it;

import io.millrace.kafka.SharedKafka;
import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.KmsNotFoundException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Millrace on the Kafka backend, driven by the real AWS SDK against a real single-node KRaft cluster in this JVM:
 * create, put, read with every kind of starting point, split and read the children, then restart the gateway on an
 * empty data directory (everything lives in Kafka) and read it all again, identical.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaBackendIT {
    private static final String STREAM = "on-kafka";
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);

    private final String topicPrefix = SharedKafka.uniquePrefix("it");
    private final List<Path> dataDirs = new ArrayList<>();
    private Millrace server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        dataDirs.forEach(TestServer::deleteRecursively);
    }

    @Test
    void aStreamOnKafkaIsWrittenReadSplitAndReadAgainAfterARestart() throws Exception {
        Map<String, List<Record>> written;
        try (KinesisClient kinesis = startGateway()) {
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName(STREAM));
            List<String> sequenceNumbers = put(kinesis, "before-split", 30);
            Map<String, List<Record>> beforeSplit = readAll(kinesis);
            assertThat(beforeSplit.values().stream().mapToInt(List::size).sum()).isEqualTo(30);
            assertThat(beforeSplit.values().stream().flatMap(List::stream).map(Record::sequenceNumber))
                    .containsExactlyInAnyOrderElementsOf(sequenceNumbers);
            readsFromASequenceNumberAndATimestamp(kinesis, beforeSplit.get("shardId-000000000000"));
            kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000000")
                    .newStartingHashKey(HALF.shiftRight(1).toString()));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName(STREAM));
            assertThat(kinesis.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary()
                    .streamStatus()).isEqualTo(StreamStatus.ACTIVE);
            put(kinesis, "after-split", 30);
            written = readAll(kinesis);
            assertThat(written).containsOnlyKeys("shardId-000000000000", "shardId-000000000001",
                    "shardId-000000000002", "shardId-000000000003");
            assertThat(written.get("shardId-000000000000")).isEqualTo(beforeSplit.get("shardId-000000000000"));
            assertThat(written.get("shardId-000000000002")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.partitionKey()).startsWith("after-split"));
            assertThat(written.get("shardId-000000000003")).isNotEmpty();
            assertThat(childrenOfTheParent(kinesis)).containsExactly("shardId-000000000002",
                    "shardId-000000000003");
        }
        server.close();
        server = null;

        try (KinesisClient kinesis = startGateway()) {
            assertThat(kinesis.listShards(b -> b.streamName(STREAM)).shards()).extracting(Shard::shardId)
                    .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002",
                            "shardId-000000000003");
            assertThat(readAll(kinesis)).isEqualTo(written);
            PutRecordResponse more = kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("after-restart")
                    .explicitHashKey("0").data(SdkBytes.fromUtf8String("more")));
            assertThat(more.shardId()).isEqualTo("shardId-000000000002");
            List<Record> child = readShard(kinesis, "shardId-000000000002");
            assertThat(child.get(child.size() - 1).sequenceNumber()).isEqualTo(more.sequenceNumber());
            assertThat(new BigInteger(more.sequenceNumber()))
                    .isGreaterThan(new BigInteger(child.get(child.size() - 2).sequenceNumber()));
        }
    }

    @Test
    void streamsOnKafkaEncryptAtRestWithTheGatewaysKeyRing() throws Exception {
        Path keyRing = Files.createTempFile("millrace-keyring", ".txt");
        Files.writeString(keyRing, "alias/on-kafka 1 " + Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        try (KinesisClient kinesis = startGateway("--keyring", keyRing.toString())) {
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName(STREAM));
            assertThatThrownBy(() -> kinesis.startStreamEncryption(b -> b.streamName(STREAM)
                    .encryptionType(EncryptionType.KMS).keyId("alias/not-in-the-ring")))
                    .isInstanceOf(KmsNotFoundException.class);
            kinesis.startStreamEncryption(b -> b.streamName(STREAM).encryptionType(EncryptionType.KMS)
                    .keyId("alias/on-kafka"));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName(STREAM));
            String sequenceNumber = kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("k")
                    .data(SdkBytes.fromUtf8String("sealed on the broker"))).sequenceNumber();

            List<Record> records = readShard(kinesis, "shardId-000000000000");

            assertThat(records).extracting(Record::sequenceNumber).containsExactly(sequenceNumber);
            assertThat(records.get(0).data().asUtf8String()).isEqualTo("sealed on the broker");
            assertThat(records.get(0).encryptionType()).isEqualTo(EncryptionType.KMS);
        } finally {
            Files.deleteIfExists(keyRing);
        }
    }

    @Test
    void withoutAKeyRingAStreamOnKafkaCannotStartEncryption() throws Exception {
        try (KinesisClient kinesis = startGateway()) {
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName(STREAM));
            assertThatThrownBy(() -> kinesis.startStreamEncryption(b -> b.streamName(STREAM)
                    .encryptionType(EncryptionType.KMS).keyId("alias/any")))
                    .isInstanceOf(KmsNotFoundException.class);
        }
    }

    private KinesisClient startGateway(String... extraArguments) throws IOException {
        Path dataDir = Files.createTempDirectory("millrace-kafka-it");
        dataDirs.add(dataDir);
        List<String> arguments = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(), "--backend", "kafka",
                "--kafka-bootstrap", SharedKafka.bootstrapServers(), "--kafka-topic-prefix", topicPrefix));
        arguments.addAll(List.of(extraArguments));
        server = Millrace.start(MillraceCommand.parse(arguments.toArray(String[]::new)));
        return Clients.sync(java.net.URI.create("http://127.0.0.1:" + server.port()), true);
    }

    /** Puts {@code count} records, a PutRecords batch and then single PutRecords; returns their sequence numbers. */
    private static List<String> put(KinesisClient kinesis, String keyPrefix, int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count - 5; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey(keyPrefix + "-" + i)
                    .data(SdkBytes.fromUtf8String(keyPrefix + " record " + i)).build());
        }
        PutRecordsResponse batch = kinesis.putRecords(b -> b.streamName(STREAM).records(entries));
        assertThat(batch.failedRecordCount()).isZero();
        List<String> sequenceNumbers = new ArrayList<>(batch.records().stream()
                .map(PutRecordsResultEntry::sequenceNumber).toList());
        for (int i = count - 5; i < count; i++) {
            String key = keyPrefix + "-" + i;
            String data = keyPrefix + " record " + i;
            sequenceNumbers.add(kinesis.putRecord(b -> b.streamName(STREAM).partitionKey(key)
                    .data(SdkBytes.fromUtf8String(data))).sequenceNumber());
        }
        return sequenceNumbers;
    }

    private static void readsFromASequenceNumberAndATimestamp(KinesisClient kinesis, List<Record> shard) {
        assertThat(shard).hasSizeGreaterThan(4);
        Record third = shard.get(2);
        assertThat(read(kinesis, "shardId-000000000000", b -> b.shardIteratorType(
                ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(third.sequenceNumber())))
                .isEqualTo(shard.subList(2, shard.size()));
        Instant last = shard.get(shard.size() - 1).approximateArrivalTimestamp();
        List<Record> expected = shard.stream().filter(r -> !r.approximateArrivalTimestamp().isBefore(last)).toList();
        assertThat(read(kinesis, "shardId-000000000000", b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                .timestamp(last))).isEqualTo(expected);
        assertThat(read(kinesis, "shardId-000000000000", b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                .timestamp(last.plusMillis(1)))).isEmpty();
    }

    private static Map<String, List<Record>> readAll(KinesisClient kinesis) {
        Map<String, List<Record>> byShard = new TreeMap<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(STREAM)).shards()) {
            byShard.put(shard.shardId(), readShard(kinesis, shard.shardId()));
        }
        return byShard;
    }

    private static List<Record> readShard(KinesisClient kinesis, String shardId) {
        return read(kinesis, shardId, b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON));
    }

    /** Every record from the iterator's start to the shard's current end. */
    private static List<Record> read(KinesisClient kinesis, String shardId,
                                     UnaryOperator<GetShardIteratorRequest.Builder> start) {
        String iterator = kinesis.getShardIterator(b -> start.apply(b.streamName(STREAM).shardId(shardId)))
                .shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(current));
            records.addAll(page.records());
            iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return records;
    }

    private static List<String> childrenOfTheParent(KinesisClient kinesis) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        Map<String, Boolean> children = new LinkedHashMap<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(current));
            page.childShards().stream().map(ChildShard::shardId).forEach(id -> children.put(id, true));
            iterator = page.nextShardIterator();
        }
        return new ArrayList<>(children.keySet());
    }
}
