package io.millrace.server.it;

import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChannelDescription;
import software.amazon.awssdk.services.kinesis.model.ChannelStatus;
import software.amazon.awssdk.services.kinesis.model.CreateChannelRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.RecordFormatType;
import software.amazon.awssdk.services.kinesis.model.S3CompressionType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kinesis channels deliver to the same S3-compatible server as Firehose when Millrace runs with
 * {@code --s3-endpoint}: the real SDK's Kinesis client creates the channel and puts records, and the real SDK's S3
 * client reads the delivered objects back from s3proxy (in-process on 127.0.0.1, over a filesystem store).
 * Delivery runs on the server's background thread about once a second, so the tests poll S3 up to a deadline. One
 * server for the class; each test has its own stream, channel and bucket.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelsS3IT {
    private static final String STREAM_ARN_PREFIX = "arn:aws:kinesis:us-east-1:000000000000:stream/";
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(20);

    private static Path work;
    private static Path dataDir;
    private static S3ProxyServer s3proxy;
    private static S3Client s3;
    private static Millrace server;
    private static KinesisClient kinesis;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("millrace-channels-s3-it");
        s3proxy = S3ProxyServer.start(work.resolve("s3proxy"));
        s3 = s3proxy.client();
        dataDir = work.resolve("data");
        List<String> flags = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir",
                dataDir.toString()));
        flags.addAll(s3proxy.millraceFlags());
        server = Millrace.start(MillraceCommand.parse(flags.toArray(String[]::new)));
        kinesis = Clients.sync(URI.create("http://127.0.0.1:" + server.port()), true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kinesis != null) {
            kinesis.close();
        }
        if (server != null) {
            server.close();
        }
        s3proxy.close();
        TestServer.deleteRecursively(work);
    }

    @Test
    void channelRecordsArriveInTheS3EndpointOnePerLineUnderTheChannelsKeysAndNothingOnLocalDisk() throws Exception {
        s3.createBucket(b -> b.bucket("clicks-bucket"));
        createOnDemand("clicks");
        kinesis.createChannel(channel("clicks-to-s3", "clicks", "clicks-bucket", "raw/"));
        // One partition key, so one shard and one order; the STRING format ends every record with a newline.
        kinesis.putRecords(r -> r.streamName("clicks").records(
                entry("{\"n\":1}"), entry("{\"n\":2}"), entry("plain text, no newline")));

        String expected = "{\"n\":1}\n{\"n\":2}\nplain text, no newline\n";
        List<S3Object> objects = awaitContent("clicks-bucket", expected);
        assertThat(concatenated("clicks-bucket", objects)).isEqualTo(expected);
        assertThat(objects).allSatisfy(object -> assertThat(object.key())
                .matches("raw/\\d{4}/\\d{2}/\\d{2}/\\d{2}/clicks-to-s3-shardId-\\d{12}-\\d{20}"));
        assertThat(dataDir.resolve("s3/clicks-bucket")).doesNotExist();
        assertThat(describe("clicks-to-s3").channelStatus()).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void aBucketTheEndpointDoesNotHaveTurnsTheChannelFailedWithThatReason() throws Exception {
        createOnDemand("orphans");
        kinesis.createChannel(channel("orphans-to-s3", "orphans", "no-such-bucket", null));

        ChannelDescription failed = awaitFailed("orphans-to-s3");
        assertThat(failed.channelStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(failed.channelStatusReason()).isEqualTo("Records cannot be delivered to S3 bucket no-such-bucket: "
                + "the bucket does not exist. Delete the channel and create it again once the bucket is writable.");
        assertThat(dataDir.resolve("s3/no-such-bucket")).as("not created locally instead").doesNotExist();
    }

    private static void createOnDemand(String stream) {
        kinesis.createStream(r -> r.streamName(stream).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    }

    private static CreateChannelRequest channel(String name, String stream, String bucket, String keyPrefix) {
        return CreateChannelRequest.builder().channelName(name)
                .serviceExecutionRoleARN("arn:aws:iam::000000000000:role/delivery")
                .streamConfigurationList(s -> s.streamARN(STREAM_ARN_PREFIX + stream)
                        .recordConfiguration(r -> r.recordFormatType(RecordFormatType.STRING)))
                .s3DestinationConfiguration(d -> d.dataFreshnessInSeconds(1)
                        .storageConfiguration(s -> s.bucketARN("arn:aws:s3:::" + bucket).outputKeyTemplate(keyPrefix)
                                .expectedBucketOwner("000000000000").compressionType(S3CompressionType.NONE)))
                .build();
    }

    private static PutRecordsRequestEntry entry(String text) {
        return PutRecordsRequestEntry.builder().partitionKey("one-key").data(SdkBytes.fromUtf8String(text)).build();
    }

    private static ChannelDescription describe(String channel) {
        return kinesis.describeChannel(r -> r.channelARN("arn:aws:kinesis:us-east-1:000000000000:channel/" + channel))
                .channelDescription();
    }

    /** The bucket's objects once their content, in key order, is {@code expected} (or at the deadline). */
    private static List<S3Object> awaitContent(String bucket, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(bucket)).contents();
        while (!expected.equals(contentWhileWriting(bucket, objects)) && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling S3 for the background delivery; bounded by the deadline
            objects = s3.listObjectsV2(b -> b.bucket(bucket)).contents();
        }
        return objects;
    }

    /** s3proxy's filesystem store may list an object whose PutObject is still running; it is not readable yet. */
    private static String contentWhileWriting(String bucket, List<S3Object> objects) {
        try {
            return concatenated(bucket, objects);
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static String concatenated(String bucket, List<S3Object> objects) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        objects.stream().map(S3Object::key).sorted().forEach(key -> content.writeBytes(
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()));
        return content.toString(StandardCharsets.UTF_8);
    }

    private static ChannelDescription awaitFailed(String channel) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        ChannelDescription current = describe(channel);
        while (current.channelStatus() != ChannelStatus.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the background delivery's verdict; bounded by the deadline
            current = describe(channel);
        }
        return current;
    }
}
