package io.millrace.compat.kpl;

import com.google.common.util.concurrent.ListenableFuture;
import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis Producer Library 1.0 as a real producer, against the server a subclass names: its native daemon asks
 * STS who it is (GetCallerIdentity, for the stream's ARN), then puts over TLS (Millrace's self-signed certificate, so
 * without verifying it), packing user records into aggregated Kinesis records; Millrace serves both on one port. Read
 * back with GetRecords and unpacked by the KCL's deaggregation, every user record the KPL acknowledged must be there
 * once, under its partition key, in the Kinesis record whose sequence number the KPL reported. (Order is not checked:
 * the KPL may have several puts to a shard in flight at once.)
 */
abstract class KplScenario {
    private static final String STREAM = "kpl";
    private static final int RECORDS = 2_000;
    private static final int PARTITION_KEYS = 23;

    @TempDir
    Path nativeDirectory;

    private final StaticCredentialsProvider credentials;
    private final String accountId;

    /**
     * @param credentials what both the KPL and the Java SDK sign with
     * @param accountId   the account the stream's ARN must name (the KPL learns it from STS)
     */
    KplScenario(AwsBasicCredentials credentials, String accountId) {
        this.credentials = StaticCredentialsProvider.create(credentials);
        this.accountId = accountId;
    }

    /** The server under test. */
    abstract EmbeddedMillrace millrace();

    @Test
    void everyAcknowledgedUserRecordIsReadBackOnceWhereTheKplSaidItWent() throws Exception {
        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(millrace().endpoint())
                .region(Region.US_EAST_1).credentialsProvider(credentials).build()) {
            kinesis.createStream(r -> r.streamName(STREAM).shardCount(2));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName(STREAM));
            assertThat(kinesis.describeStreamSummary(r -> r.streamName(STREAM)).streamDescriptionSummary().streamARN())
                    .isEqualTo("arn:aws:kinesis:us-east-1:" + accountId + ":stream/" + STREAM);

            List<UserRecordResult> acknowledged = produce();

            List<KinesisClientRecord> stored = new ArrayList<>();
            for (Shard shard : kinesis.listShards(r -> r.streamName(STREAM)).shards()) {
                stored.addAll(read(kinesis, shard.shardId()));
            }
            assertThat(stored).as("the KPL aggregated: fewer Kinesis records than user records")
                    .hasSizeLessThan(RECORDS / 10)
                    .anySatisfy(record -> assertThat(record.data().remaining()).isGreaterThan(1024));
            List<KinesisClientRecord> userRecords = new AggregatorUtil().deaggregate(stored);
            assertThat(userRecords).hasSize(RECORDS);

            Map<Integer, KinesisClientRecord> byIndex = new HashMap<>();
            for (KinesisClientRecord record : userRecords) {
                int index = Integer.parseInt(StandardCharsets.UTF_8.decode(record.data()).toString()
                        .substring("user record ".length()));
                assertThat(byIndex.put(index, record)).as("user record %d read once", index).isNull();
                assertThat(record.partitionKey()).isEqualTo(partitionKey(index));
            }
            for (int i = 0; i < RECORDS; i++) {
                assertThat(byIndex.get(i).sequenceNumber()).as("user record %d", i)
                        .isEqualTo(acknowledged.get(i).getSequenceNumber());
            }
        }
    }

    /** Adds every user record to a KPL, waits for all of them and returns its results in the order added. */
    private List<UserRecordResult> produce() throws Exception {
        KinesisProducerConfiguration config = new KinesisProducerConfiguration()
                .setRegion("us-east-1")
                .setKinesisEndpoint("127.0.0.1")
                .setKinesisPort(millrace().endpoint().getPort())
                .setCloudwatchEndpoint("127.0.0.1") // metrics are off; should it send any, they stay on loopback
                .setCloudwatchPort(millrace().endpoint().getPort())
                .setStsEndpoint("127.0.0.1")
                .setStsPort(millrace().endpoint().getPort())
                .setVerifyCertificate(false)
                .setCredentialsProvider(credentials)
                .setMetricsLevel("none")
                .setAggregationEnabled(true)
                .setRecordMaxBufferedTime(200)
                .setLogLevel("warning")
                .setTempDirectory(nativeDirectory.toString());
        KinesisProducer producer = new KinesisProducer(config);
        try {
            List<ListenableFuture<UserRecordResult>> futures = new ArrayList<>();
            // The KPL aggregates only once it knows the stream's shards, which it asks for on its first record: the
            // first is sent alone and waited for.
            futures.add(producer.addUserRecord(STREAM, partitionKey(0),
                    ByteBuffer.wrap(("user record " + 0).getBytes(StandardCharsets.UTF_8))));
            futures.get(0).get(60, TimeUnit.SECONDS);
            for (int i = 1; i < RECORDS; i++) {
                futures.add(producer.addUserRecord(STREAM, partitionKey(i),
                        ByteBuffer.wrap(("user record " + i).getBytes(StandardCharsets.UTF_8))));
            }
            producer.flushSync();
            List<UserRecordResult> results = new ArrayList<>();
            for (ListenableFuture<UserRecordResult> future : futures) {
                UserRecordResult result = future.get(60, TimeUnit.SECONDS);
                assertThat(result.isSuccessful()).as("attempts %s", result.getAttempts()).isTrue();
                results.add(result);
            }
            return results;
        } finally {
            producer.destroy();
        }
    }

    private static String partitionKey(int index) {
        return "key-" + index % PARTITION_KEYS;
    }

    private static List<KinesisClientRecord> read(KinesisClient kinesis, String shardId) {
        List<KinesisClientRecord> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(r -> r.streamName(STREAM).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (true) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            page.records().forEach(record -> records.add(KinesisClientRecord.fromRecord(record)));
            if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                return records;
            }
            iterator = page.nextShardIterator();
        }
    }
}
