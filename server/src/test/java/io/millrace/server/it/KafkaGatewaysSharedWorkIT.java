package io.millrace.server.it;

import io.millrace.server.Millrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChannelStatus;
import software.amazon.awssdk.services.kinesis.model.CreateChannelRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.RecordFormatType;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.S3CompressionType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.millrace.server.it.KafkaGateways.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work that two gateways on one Kafka cluster share rather than each do for itself, driven by the real AWS SDK:
 * on-demand scaling decides on a shard's writes through both gateways, and channel delivery runs on one gateway at
 * a time, handing over without losing or repeating a record when that gateway stops.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaGatewaysSharedWorkIT {
    private static final long WAIT_MS = 60_000;

    private final KafkaGateways gateways = new KafkaGateways("gw-work");
    private ScheduledExecutorService writers;

    private static void awaitActiveOn(KinesisClient client, String name) throws InterruptedException {
        KafkaGateways.awaitActiveOn(client, name, WAIT_MS);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        KafkaGateways.eventually(condition, WAIT_MS);
    }

    @AfterEach
    void stop() {
        if (writers != null) {
            writers.shutdownNow();
        }
        gateways.close();
    }

    @Test
    void writesSplitBetweenTwoGatewaysSplitAnOnDemandShardOnceWhenTheirSumIsHot() throws Exception {
        KinesisClient a = Clients.sync(endpoint(gateways.start()), true);
        KinesisClient b = Clients.sync(endpoint(gateways.start()), false);
        a.createStream(r -> r.streamName("hot").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActiveOn(b, "hot");

        // 600 records a second through each gateway (300 every 500 ms): alone at most 3,000 in the 5 s window,
        // below the 4,000 that make a shard hot (80% of 1,000 records/s); together 6,000. The pace is load, not
        // synchronisation: the test waits for the split itself.
        List<PutRecordsRequestEntry> batch = Collections.nCopies(300, PutRecordsRequestEntry.builder()
                .partitionKey("k").explicitHashKey("0").data(SdkBytes.fromByteArray(new byte[100])).build());
        writers = Executors.newScheduledThreadPool(2);
        for (KinesisClient client : List.of(a, b)) {
            writers.scheduleAtFixedRate(() -> {
                try {
                    client.putRecords(r -> r.streamName("hot").records(batch));
                } catch (RuntimeException e) {
                    // a write to the closing parent may fail (retryably); the next batch goes on
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
        }
        eventually(() -> a.listShards(r -> r.streamName("hot")).shards().size() > 4
                && b.listShards(r -> r.streamName("hot")).shards().size() > 4);
        writers.shutdownNow();

        for (KinesisClient client : List.of(a, b)) {
            List<Shard> shards = client.listShards(r -> r.streamName("hot")).shards();
            assertThat(shards).as("split once, whichever gateway decided").hasSize(6);
            assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
            assertThat(shards.subList(4, 6)).allSatisfy(s -> assertThat(s.parentShardId())
                    .isEqualTo("shardId-000000000000"));
        }
    }

    @Test
    void oneGatewayDeliversAChannelAndTheOtherTakesOverWhenItStopsWithEveryRecordDeliveredOnce() throws Exception {
        Millrace gatewayA = gateways.start();
        Millrace gatewayB = gateways.start();
        KinesisClient a = Clients.sync(endpoint(gatewayA), true);
        KinesisClient b = Clients.sync(endpoint(gatewayB), true);
        a.createStream(r -> r.streamName("delivered").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActiveOn(b, "delivered");
        String streamArn = a.describeStreamSummary(r -> r.streamName("delivered")).streamDescriptionSummary()
                .streamARN();
        String channelArn = a.createChannel(CreateChannelRequest.builder().channelName("delivered-to-s3")
                .serviceExecutionRoleARN("arn:aws:iam::000000000000:role/delivery")
                .streamConfigurationList(c -> c.streamARN(streamArn)
                        .recordConfiguration(r -> r.recordFormatType(RecordFormatType.JSON)))
                .s3DestinationConfiguration(d -> d.dataFreshnessInSeconds(1)
                        .storageConfiguration(c -> c.bucketARN("arn:aws:s3:::delivered")
                                .expectedBucketOwner("000000000000").compressionType(S3CompressionType.NONE)))
                .build()).channelDescription().channelARN();
        eventually(() -> channelStatus(b, channelArn) == ChannelStatus.ACTIVE);

        List<String> written = new ArrayList<>();
        put(List.of(a, b), 0, 40, written);
        eventually(() -> delivered().size() >= written.size());
        List<Path> withObjects = List.of(gatewayA, gatewayB).stream()
                .map(g -> g.objectStoreRoot().resolve("delivered")).filter(KafkaGatewaysSharedWorkIT::hasObjects)
                .toList();
        assertThat(withObjects).as("one gateway delivers").hasSize(1);
        Millrace holder = withObjects.get(0).startsWith(gatewayA.objectStoreRoot()) ? gatewayA : gatewayB;
        Millrace other = holder == gatewayA ? gatewayB : gatewayA;
        KinesisClient survivor = holder == gatewayA ? b : a;

        gateways.stop(holder);
        put(List.of(survivor), 40, 80, written);
        eventually(() -> delivered().size() >= written.size());
        assertThat(hasObjects(other.objectStoreRoot().resolve("delivered"))).as("the other took over").isTrue();

        // One more record after the others arrived: a round of the survivor that re-delivered anything would have
        // written it by the time this one arrives.
        put(List.of(survivor), 80, 81, written);
        eventually(() -> delivered().size() >= written.size());
        assertThat(delivered()).as("every record exactly once").containsExactlyInAnyOrderElementsOf(written);
    }

    private static ChannelStatus channelStatus(KinesisClient client, String channelArn) {
        try {
            return client.describeChannel(r -> r.channelARN(channelArn)).channelDescription().channelStatus();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    /** Puts records {@code {"i":from}} to {@code {"i":to-1}}, alternating over {@code clients}. */
    private static void put(List<KinesisClient> clients, int from, int to, List<String> written) {
        for (int i = from; i < to; i++) {
            String data = "{\"i\":" + i + "}";
            clients.get(i % clients.size()).putRecord(r -> r.streamName("delivered").partitionKey(data)
                    .data(SdkBytes.fromUtf8String(data)));
            written.add(data);
        }
    }

    /** Every line of every object in the bucket, over every gateway's object store (the stopped ones' included). */
    private List<String> delivered() {
        List<String> lines = new ArrayList<>();
        for (Path dataDir : gateways.dataDirs()) {
            try {
                for (Path object : BucketObjects.list(dataDir.resolve("s3").resolve("delivered"))) {
                    Files.readString(object).lines().forEach(lines::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static boolean hasObjects(Path bucket) {
        try {
            return !BucketObjects.list(bucket).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
