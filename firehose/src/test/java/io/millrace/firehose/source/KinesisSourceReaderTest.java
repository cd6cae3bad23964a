package io.millrace.firehose.source;

import io.millrace.firehose.FirehoseHarness;
import io.millrace.firehose.ManualClock;
import io.millrace.log.LogStore;
import io.millrace.log.ReadResult;
import io.millrace.log.StoredRecord;
import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.protocol.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisSourceReaderTest {
    @TempDir
    Path dir;

    private final FakeStreamSource source = new FakeStreamSource().shard("shardId-000000000000", null);
    private final LogStore store = new InMemoryLogStore();
    private final ManualClock clock = new ManualClock(FirehoseHarness.START.toEpochMilli());

    private FirehoseHarness harness() {
        return new FirehoseHarness(dir, store, clock, source);
    }

    private static void createFromKinesis(FirehoseHarness harness, String name) {
        harness.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\","
                + "\"DeliveryStreamType\":\"KinesisStreamAsSource\",\"KinesisStreamSourceConfiguration\":{"
                + "\"KinesisStreamARN\":\"" + FakeStreamSource.ARN + "\","
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\"},"
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}}");
    }

    /** Every record in the delivery stream's buffer, delivered or not, in order. */
    private static List<String> buffered(FirehoseHarness harness, String name) {
        DeliveryStreamRegistry registry = new DeliveryStreamRegistry(harness.store, 5);
        ReadResult read = registry.require(new DeliveryStreamKey("123456789012", "us-east-1", name)).buffer()
                .readPending(Long.MAX_VALUE);
        List<String> texts = new ArrayList<>();
        for (StoredRecord record : read.records()) {
            texts.add(new String(record.data(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void childShardsAreReadOnlyAfterTheirParentIsClosedAndReadToTheEnd() {
        FirehoseHarness harness = harness();
        createFromKinesis(harness, "orders");
        source.put("shardId-000000000000", "p1", "p2");
        source.shard("shardId-000000000001", "shardId-000000000000");
        source.put("shardId-000000000001", "c1");

        harness.engine.readSources();
        assertThat(buffered(harness, "orders")).containsExactly("p1", "p2");

        source.put("shardId-000000000000", "p3");
        source.close("shardId-000000000000");
        harness.engine.readSources();
        assertThat(buffered(harness, "orders")).containsExactly("p1", "p2", "p3", "c1");
    }

    @Test
    void positionsSurviveARestartSoNothingIsTakenTwice() {
        FirehoseHarness first = harness();
        createFromKinesis(first, "orders");
        source.put("shardId-000000000000", "a", "b");
        first.engine.readSources();

        FirehoseHarness restarted = harness(); // same store: the registry and positions reload from it
        source.put("shardId-000000000000", "c");
        restarted.engine.readSources();

        assertThat(buffered(restarted, "orders")).containsExactly("a", "b", "c");
    }

    @Test
    void everyDeliveryStreamOnOneKinesisStreamReceivesEveryRecord() {
        FirehoseHarness harness = harness();
        createFromKinesis(harness, "audit");
        createFromKinesis(harness, "search");
        source.put("shardId-000000000000", "x", "y");

        assertThat(harness.engine.readSources()).isEqualTo(4);
        assertThat(buffered(harness, "audit")).containsExactly("x", "y");
        assertThat(buffered(harness, "search")).containsExactly("x", "y");
    }

    @Test
    void aRecreatedSourceStreamIsReadFromItsBeginning() {
        FirehoseHarness harness = harness();
        createFromKinesis(harness, "orders");
        source.put("shardId-000000000000", "old1", "old2");
        harness.engine.readSources();

        source.recreate();
        source.shard("shardId-000000000000", null);
        source.put("shardId-000000000000", "new1");
        harness.engine.readSources();

        assertThat(buffered(harness, "orders")).containsExactly("old1", "old2", "new1");
    }

    @Test
    void directPutsToAStreamReadingKinesisAreRefused() {
        FirehoseHarness harness = harness();
        createFromKinesis(harness, "orders");

        assertThatThrownBy(() -> harness.put("orders", "x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.wireMessage()).isEqualTo(
                        "This operation is not permitted on KinesisStreamAsSource delivery stream type."));
    }

    @Test
    void aSourceStreamThatDoesNotExistIsRefusedAtCreation() {
        FirehoseHarness harness = harness();

        assertThatThrownBy(() -> harness.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"x\","
                + "\"DeliveryStreamType\":\"KinesisStreamAsSource\",\"KinesisStreamSourceConfiguration\":{"
                + "\"KinesisStreamARN\":\"arn:aws:kinesis:us-east-1:123456789012:stream/missing\","
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\"},"
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.wireMessage()).isEqualTo(
                        "Kinesis stream arn:aws:kinesis:us-east-1:123456789012:stream/missing does not exist."));
    }

    @Test
    void mskSourcesAreRefusedWithAClearReason() {
        FirehoseHarness harness = harness();

        assertThatThrownBy(() -> harness.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"x\","
                + "\"DeliveryStreamType\":\"MSKAsSource\","
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.wireMessage())
                        .startsWith("DeliveryStreamType MSKAsSource needs an Apache Kafka (MSK) cluster"));
    }
}
