package io.millrace.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KinesisStreamAsSource end to end with the real SDK clients: records put to a Kinesis stream, before and after a
 * SplitShard, arrive as objects of every delivery stream reading it, each record exactly once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KinesisStreamAsSourceIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/firehose";

    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    @Test
    void recordsPutToAStreamArriveInS3AcrossASplitForEveryDeliveryStreamReadingIt() throws Exception {
        try (KinesisClient kinesis = Clients.sync(SERVER.httpEndpoint(), false);
             FirehoseClient firehose = FirehoseClient.builder().endpointOverride(SERVER.httpEndpoint())
                     .region(Region.US_EAST_1).credentialsProvider(Clients.CREDENTIALS).build()) {
            kinesis.createStream(b -> b.streamName("orders").shardCount(1));
            await(() -> kinesis.describeStreamSummary(b -> b.streamName("orders")).streamDescriptionSummary()
                    .streamStatus() == StreamStatus.ACTIVE);
            String streamArn = kinesis.describeStreamSummary(b -> b.streamName("orders")).streamDescriptionSummary()
                    .streamARN();
            kinesis.putRecord(b -> b.streamName("orders").partitionKey("k").data(SdkBytes.fromUtf8String("early;")));
            for (String name : List.of("orders-audit", "orders-search")) {
                firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                        .kinesisStreamSourceConfiguration(s -> s.kinesisStreamARN(streamArn).roleARN(ROLE))
                        .extendedS3DestinationConfiguration(DeliveredRecords.unbufferedS3(ROLE, name + "-bucket")));
            }
            DeliveryStreamDescription description = firehose.describeDeliveryStream(b -> b
                    .deliveryStreamName("orders-audit")).deliveryStreamDescription();
            assertThat(description.deliveryStreamType()).isEqualTo(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE);
            assertThat(description.source().kinesisStreamSourceDescription().kinesisStreamARN()).isEqualTo(streamArn);
            assertThat(description.source().kinesisStreamSourceDescription().deliveryStartTimestamp()).isNotNull();

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                put(kinesis, "before-" + i, expected);
            }
            kinesis.splitShard(b -> b.streamName("orders").shardToSplit("shardId-000000000000")
                    .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
            await(() -> kinesis.describeStreamSummary(b -> b.streamName("orders")).streamDescriptionSummary()
                    .streamStatus() == StreamStatus.ACTIVE);
            for (int i = 0; i < 10; i++) {
                put(kinesis, "after-" + i, expected);
            }

            for (String name : List.of("orders-audit", "orders-search")) {
                Path bucket = SERVER.dataDir().resolve("s3/" + name + "-bucket");
                List<String> delivered = DeliveredRecords.await(bucket, expected.size());
                // "early" was in the stream before the delivery stream existed: AWS starts reading at LATEST.
                assertThat(delivered).containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("orders-audit")
                    .record(Record.builder().data(SdkBytes.fromUtf8String("x")).build())))
                    .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(
                            e.awsErrorDetails().errorMessage()).isEqualTo(
                            "This operation is not permitted on KinesisStreamAsSource delivery stream type."));
        }
    }

    /** A distinct partition key per record spreads them over both children after the split. */
    private static void put(KinesisClient kinesis, String text, List<String> expected) {
        kinesis.putRecord(b -> b.streamName("orders").partitionKey(text).data(SdkBytes.fromUtf8String(text + ";")));
        expected.add(text);
    }




    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(20);
        }
    }
}
