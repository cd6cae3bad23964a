package io.millrace.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChannelDescription;
import software.amazon.awssdk.services.kinesis.model.ChannelStatus;
import software.amazon.awssdk.services.kinesis.model.CreateChannelRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListChannelsResponse;
import software.amazon.awssdk.services.kinesis.model.RecordFormatType;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.S3CompressionType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Channels through the real AWS SDK for Java v2 (its Kinesis client has the channel operations since 2026). */
class ChannelsIT {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();
    private static final String STREAM_ARN_PREFIX = "arn:aws:kinesis:us-east-1:000000000000:stream/";
    private static KinesisClient cbor;
    private static KinesisClient json;

    @BeforeAll
    static void clients() {
        cbor = Clients.sync(SERVER.httpEndpoint(), true);
        json = Clients.sync(SERVER.httpEndpoint(), false);
    }

    @AfterAll
    static void closeClients() {
        cbor.close();
        json.close();
    }

    private static CreateChannelRequest channel(String name, String stream, String bucket, int freshnessSeconds) {
        return CreateChannelRequest.builder().channelName(name)
                .serviceExecutionRoleARN("arn:aws:iam::000000000000:role/delivery")
                .streamConfigurationList(s -> s.streamARN(STREAM_ARN_PREFIX + stream)
                        .recordConfiguration(r -> r.recordFormatType(RecordFormatType.JSON)))
                .s3DestinationConfiguration(d -> d.dataFreshnessInSeconds(freshnessSeconds)
                        .storageConfiguration(s -> s.bucketARN("arn:aws:s3:::" + bucket)
                                .expectedBucketOwner("000000000000").compressionType(S3CompressionType.NONE)))
                .build();
    }

    private static void createOnDemand(KinesisClient kinesis, String stream) {
        kinesis.createStream(r -> r.streamName(stream).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    }

    @Test
    void aChannelDeliversTheStreamsRecordsIntoTheS3Directory() throws Exception {
        createOnDemand(cbor, "clicks");
        ChannelDescription created = cbor.createChannel(channel("clicks-to-s3", "clicks", "clicks-bucket", 1))
                .channelDescription();
        assertThat(created.channelStatus()).isEqualTo(ChannelStatus.CREATING);
        assertThat(created.channelARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:channel/clicks-to-s3");
        cbor.putRecord(r -> r.streamName("clicks").partitionKey("k").data(SdkBytes.fromUtf8String("{\"a\":1}")));
        cbor.putRecord(r -> r.streamName("clicks").partitionKey("k").data(SdkBytes.fromUtf8String("{\"a\":2}")));

        List<Path> objects = BucketObjects.await(SERVER.dataDir().resolve("s3/clicks-bucket"), Duration.ofSeconds(20));
        assertThat(objects).isNotEmpty();
        StringBuilder delivered = new StringBuilder();
        for (Path object : objects) {
            delivered.append(Files.readString(object));
        }
        assertThat(delivered.toString()).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
        assertThat(cbor.describeChannel(r -> r.channelARN(created.channelARN())).channelDescription()
                .channelStatus()).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void theLifecycleWorksThroughTheJsonProtocol() {
        createOnDemand(json, "orders");
        String arn = json.createChannel(channel("orders-to-s3", "orders", "orders-bucket", 300))
                .channelDescription().channelARN();
        assertThat(json.describeStreamSummary(r -> r.streamName("orders")).streamDescriptionSummary()
                .channelCount()).isEqualTo(1);
        assertThat(json.describeLimits().channelCountLimit()).isEqualTo(50);
        ListChannelsResponse listed = json.listChannels(r -> r.streamFilter(f -> f.streamARN(STREAM_ARN_PREFIX
                + "orders")));
        assertThat(listed.channelSummaries()).singleElement()
                .satisfies(s -> assertThat(s.channelARN()).isEqualTo(arn));
        assertThat(json.updateChannel(r -> r.channelARN(arn).s3DestinationConfiguration(d -> d
                .dataFreshnessInSeconds(60))).channelDescription().s3DestinationConfiguration()
                .dataFreshnessInSeconds()).isEqualTo(60);
        assertThatThrownBy(() -> json.deleteStream(r -> r.streamName("orders")))
                .isInstanceOf(ResourceInUseException.class);
        json.deleteChannel(r -> r.channelARN(arn));
        assertThatThrownBy(() -> json.describeChannel(r -> r.channelARN(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        json.deleteStream(r -> r.streamName("orders"));
    }

    @Test
    void channelTagsAreReachableThroughTheResourceArnOperations() {
        createOnDemand(cbor, "tagged");
        String arn = cbor.createChannel(channel("tagged-to-s3", "tagged", "tagged-bucket", 300).toBuilder()
                .tags(Map.of("team", "data")).build()).channelDescription().channelARN();
        cbor.tagResource(r -> r.resourceARN(arn).tags(Map.of("env", "dev", "tier", "1")));
        json.untagResource(r -> r.resourceARN(arn).tagKeys("tier"));
        assertThat(json.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .containsExactly(Tag.builder().key("env").value("dev").build(),
                        Tag.builder().key("team").value("data").build());
        assertThat(cbor.listTagsForResource(r -> r.resourceARN(STREAM_ARN_PREFIX + "tagged")).tags()).isEmpty();
    }

    @Test
    void aBucketThatCannotBeWrittenTurnsTheChannelFailedWithAReason() throws Exception {
        createOnDemand(json, "blocked");
        Path bucket = SERVER.dataDir().resolve("s3/blocked-bucket");
        Files.createDirectories(bucket.getParent());
        Files.writeString(bucket, "a file where the bucket directory belongs");
        String arn = json.createChannel(channel("blocked-to-s3", "blocked", "blocked-bucket", 1))
                .channelDescription().channelARN();

        ChannelDescription failed = awaitStatus(arn, ChannelStatus.FAILED, Duration.ofSeconds(20));
        assertThat(failed.channelStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(failed.channelStatusReason()).startsWith("Records cannot be delivered to S3 bucket blocked-bucket");
        assertThat(json.listChannels(r -> r.streamFilter(f -> f.streamARN(STREAM_ARN_PREFIX + "blocked")))
                .channelSummaries()).singleElement()
                .satisfies(c -> assertThat(c.channelStatus()).isEqualTo(ChannelStatus.FAILED));
        json.deleteChannel(r -> r.channelARN(arn));
    }

    private static ChannelDescription awaitStatus(String arn, ChannelStatus status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ChannelDescription current = json.describeChannel(r -> r.channelARN(arn)).channelDescription();
        while (current.channelStatus() != status && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the background delivery's verdict; bounded by the deadline
            current = json.describeChannel(r -> r.channelARN(arn)).channelDescription();
        }
        return current;
    }

    @Test
    void unsupportedDestinationsAreRefusedHonestly() {
        createOnDemand(cbor, "tables");
        CreateChannelRequest tables = CreateChannelRequest.builder().channelName("t")
                .serviceExecutionRoleARN("arn:aws:iam::000000000000:role/delivery")
                .streamConfigurationList(s -> s.streamARN(STREAM_ARN_PREFIX + "tables")
                        .recordConfiguration(r -> r.recordFormatType(RecordFormatType.JSON)))
                .s3TablesDestinationConfiguration(d -> d.dataFreshnessInSeconds(60)
                        .deadLetterQueueS3Configuration(q -> q.bucketARN("arn:aws:s3:::dlq")
                                .expectedBucketOwner("000000000000"))
                        .s3TablesConfigurationList(t -> t.tableBucketARN("arn:aws:s3tables:us-east-1:000000000000:"
                                + "bucket/tb").namespace("ns").tableName("tbl").compressionType("NONE")))
                .build();
        assertThatThrownBy(() -> cbor.createChannel(tables))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("not supported by this version of Millrace");
    }
}
