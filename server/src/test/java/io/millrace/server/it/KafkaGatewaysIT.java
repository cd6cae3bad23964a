package io.millrace.server.it;

import io.millrace.server.Millrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.CreateChannelRequest;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.RecordFormatType;
import software.amazon.awssdk.services.kinesis.model.S3CompressionType;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static io.millrace.server.it.KafkaGateways.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two Millrace gateways on one Kafka cluster (the shared in-process KRaft node), driven by the real AWS SDK: what
 * one creates and writes, the other lists, reads (also with the first one's iterators) and pushes to a subscriber,
 * promptly; consumers, account settings, resource policies and channels changed through one are seen by the other;
 * two gateways racing to create one stream yield exactly one stream; a gateway that resharded dies while the shard's
 * end is being fixed, the other finishes it, and every acknowledged record is read exactly once, parent before
 * children, with exact lineage.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaGatewaysIT {
    private static final long WAIT_MS = 30_000;

    private final KafkaGateways gateways = new KafkaGateways("gw");

    private static void awaitActiveOn(KinesisClient client, String name) throws InterruptedException {
        KafkaGateways.awaitActiveOn(client, name, WAIT_MS);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        KafkaGateways.eventually(condition, WAIT_MS);
    }

    @AfterEach
    void stop() {
        gateways.close();
    }

    @Test
    void whatOneGatewayCreatesAndWritesTheOtherReadsAndPushesToASubscriber() throws Exception {
        KinesisClient a = Clients.sync(endpoint(gateways.start()), true);
        Millrace gatewayB = gateways.start();
        KinesisClient b = Clients.sync(endpoint(gatewayB), true);
        a.createStream(r -> r.streamName("shared").shardCount(1));
        awaitActiveOn(b, "shared");
        String arn = b.describeStreamSummary(r -> r.streamName("shared")).streamDescriptionSummary().streamARN();
        String consumerArn = b.registerStreamConsumer(r -> r.streamARN(arn).consumerName("push")).consumer()
                .consumerARN();
        eventually(() -> "ACTIVE".equals(b.describeStreamConsumer(r -> r.consumerARN(consumerArn))
                .consumerDescription().consumerStatusAsString()));
        Pushed pushed = subscribe(Clients.async(endpoint(gatewayB), true), consumerArn);

        String iteratorFromA = a.getShardIterator(r -> r.streamName("shared").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String data = "record " + i;
            written.add(a.putRecord(r -> r.streamName("shared").partitionKey(data)
                    .data(SdkBytes.fromUtf8String(data))).sequenceNumber());
        }

        List<Record> read = new ArrayList<>();
        String iterator = iteratorFromA;
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (read.size() < written.size() && System.currentTimeMillis() < deadline) {
            String current = iterator;
            GetRecordsResponse page = b.getRecords(r -> r.shardIterator(current));
            read.addAll(page.records());
            iterator = page.nextShardIterator();
        }
        assertThat(read).extracting(Record::sequenceNumber).containsExactlyElementsOf(written);
        List<String> pushedNumbers = new ArrayList<>();
        while (pushedNumbers.size() < written.size()) {
            Record next = pushed.records.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(next).as("pushed record %d", pushedNumbers.size()).isNotNull();
            pushedNumbers.add(next.sequenceNumber());
        }
        assertThat(pushedNumbers).containsExactlyElementsOf(written);
    }

    @Test
    void aConsumerRegisteredThroughOneGatewayIsServedByTheOtherWhichPushesRecordsPutThroughTheFirstPromptly()
            throws Exception {
        KinesisClient a = Clients.sync(endpoint(gateways.start()), true);
        Millrace gatewayB = gateways.start();
        KinesisClient b = Clients.sync(endpoint(gatewayB), false);
        a.createStream(r -> r.streamName("prompt").shardCount(1));
        awaitActiveOn(b, "prompt");
        String arn = a.describeStreamSummary(r -> r.streamName("prompt")).streamDescriptionSummary().streamARN();
        String consumerArn = a.registerStreamConsumer(r -> r.streamARN(arn).consumerName("on-b")).consumer()
                .consumerARN();
        eventually(() -> {
            try {
                return b.describeStreamConsumer(r -> r.consumerARN(consumerArn)).consumerDescription()
                        .consumerStatus() == ConsumerStatus.ACTIVE;
            } catch (ResourceNotFoundException e) {
                return false;
            }
        });
        assertThat(b.listStreamConsumers(r -> r.streamARN(arn)).consumers()).extracting(Consumer::consumerARN)
                .containsExactly(consumerArn);
        assertThatThrownBy(() -> b.registerStreamConsumer(r -> r.streamARN(arn).consumerName("on-b")))
                .as("registered once, whichever gateway is asked").isInstanceOf(ResourceInUseException.class);

        Pushed pushed = subscribe(Clients.async(endpoint(gatewayB), true), consumerArn);
        assertThat(pushed.firstEvent.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("subscribed").isTrue();
        long slowestMs = 0;
        for (int i = 0; i < 20; i++) {
            String data = "prompt " + i;
            long putAtNs = System.nanoTime();
            String sequenceNumber = a.putRecord(r -> r.streamName("prompt").partitionKey(data)
                    .data(SdkBytes.fromUtf8String(data))).sequenceNumber();
            Record received = pushed.records.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            slowestMs = Math.max(slowestMs, (System.nanoTime() - putAtNs) / 1_000_000);
            assertThat(received).as("pushed record %d", i).isNotNull();
            assertThat(received.sequenceNumber()).isEqualTo(sequenceNumber);
        }
        // Polling (an offsets refresh every 500 ms, a subscription tick every second) would exceed this at p100.
        assertThat(slowestMs).as("slowest put-to-push through two gateways, ms").isLessThan(1_000);

        b.deregisterStreamConsumer(r -> r.consumerARN(consumerArn));
        eventually(() -> a.listStreamConsumers(r -> r.streamARN(arn)).consumers().isEmpty());
    }

    @Test
    void accountSettingsResourcePoliciesAndChannelsChangedThroughOneGatewayAreSeenByTheOther() throws Exception {
        KinesisClient a = Clients.sync(endpoint(gateways.start()), true);
        KinesisClient b = Clients.sync(endpoint(gateways.start()), false);
        a.updateAccountSettings(r -> r.minimumThroughputBillingCommitment(c -> c
                .status(MinimumThroughputBillingCommitmentInputStatus.ENABLED)));
        eventually(() -> b.describeAccountSettings(r -> { }).minimumThroughputBillingCommitment() != null
                && b.describeAccountSettings(r -> { }).minimumThroughputBillingCommitment().status()
                == MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
        var ending = b.updateAccountSettings(r -> r.minimumThroughputBillingCommitment(c -> c
                .status(MinimumThroughputBillingCommitmentInputStatus.DISABLED))).minimumThroughputBillingCommitment();
        assertThat(ending.status()).as("B changed what A enabled")
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        eventually(() -> a.describeAccountSettings(r -> { }).minimumThroughputBillingCommitment().status()
                == MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);

        a.createStream(r -> r.streamName("governed").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        awaitActiveOn(b, "governed");
        String arn = a.describeStreamSummary(r -> r.streamName("governed")).streamDescriptionSummary().streamARN();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        a.putResourcePolicy(r -> r.resourceARN(arn).policy(policy));
        eventually(() -> policy.equals(b.getResourcePolicy(r -> r.resourceARN(arn)).policy()));
        b.deleteResourcePolicy(r -> r.resourceARN(arn));
        eventually(() -> "{}".equals(a.getResourcePolicy(r -> r.resourceARN(arn)).policy())
                || a.getResourcePolicy(r -> r.resourceARN(arn)).policy() == null);

        String channelArn = a.createChannel(CreateChannelRequest.builder().channelName("governed-to-s3")
                .serviceExecutionRoleARN("arn:aws:iam::000000000000:role/delivery")
                .streamConfigurationList(c -> c.streamARN(arn)
                        .recordConfiguration(r -> r.recordFormatType(RecordFormatType.JSON)))
                .s3DestinationConfiguration(d -> d.dataFreshnessInSeconds(300)
                        .storageConfiguration(c -> c.bucketARN("arn:aws:s3:::governed")
                                .expectedBucketOwner("000000000000").compressionType(S3CompressionType.NONE)))
                .build()).channelDescription().channelARN();
        eventually(() -> b.listChannels(r -> { }).channelSummaries().stream()
                .anyMatch(c -> c.channelARN().equals(channelArn)));
        assertThatThrownBy(() -> b.createChannel(r -> r.channelName("governed-to-s3")
                .serviceExecutionRoleARN("arn:aws:iam::000000000000:role/delivery")
                .streamConfigurationList(c -> c.streamARN(arn)
                        .recordConfiguration(f -> f.recordFormatType(RecordFormatType.JSON)))
                .s3DestinationConfiguration(d -> d.dataFreshnessInSeconds(300)
                        .storageConfiguration(c -> c.bucketARN("arn:aws:s3:::governed")
                                .expectedBucketOwner("000000000000").compressionType(S3CompressionType.NONE)))))
                .as("created once, whichever gateway is asked").isInstanceOf(ResourceInUseException.class);
        b.deleteChannel(r -> r.channelARN(channelArn));
        eventually(() -> a.listChannels(r -> { }).channelSummaries().stream()
                .noneMatch(c -> c.channelARN().equals(channelArn)
                        && c.channelStatus() != software.amazon.awssdk.services.kinesis.model.ChannelStatus.DELETING));
    }

    @Test
    void twoGatewaysCreatingTheSameStreamAtOnceMakeOneStreamAndOneResourceInUse() throws Exception {
        List<KinesisClient> clients = List.of(Clients.sync(endpoint(gateways.start()), true),
                Clients.sync(endpoint(gateways.start()), false));
        for (int round = 0; round < 3; round++) {
            String name = "race-" + round;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                KinesisClient client = clients.get(i);
                int shards = i + 1;
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    try {
                        client.createStream(r -> r.streamName(name).shardCount(shards));
                        return shards;
                    } catch (ResourceInUseException e) {
                        return 0;
                    }
                }));
            }
            go.countDown();
            List<Integer> results = outcomes.stream().map(CompletableFuture::join).toList();
            assertThat(results).as("round %d", round).containsOnlyOnce(0);
            int winner = results.stream().mapToInt(Integer::intValue).sum();
            for (KinesisClient client : clients) {
                client.waiter().waitUntilStreamExists(r -> r.streamName(name));
                assertThat(client.listShards(r -> r.streamName(name)).shards()).hasSize(winner);
            }
        }
    }

    @Test
    void aGatewayThatDiesRightAfterSplittingLeavesTheOtherToFixTheParentsEndWithNoAcknowledgedRecordLost()
            throws Exception {
        Millrace gatewayA = gateways.start();
        KinesisClient a = Clients.sync(endpoint(gatewayA), true);
        KinesisClient b = Clients.sync(endpoint(gateways.start()), true);
        a.createStream(r -> r.streamName("split").shardCount(1));
        a.waiter().waitUntilStreamExists(r -> r.streamName("split"));
        awaitActiveOn(b, "split");

        List<PutRecordResponse> acknowledged = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; writing.get(); i++) {
                String data = "w" + i;
                try {
                    PutRecordResponse put = b.putRecord(r -> r.streamName("split").partitionKey(data)
                            .data(SdkBytes.fromUtf8String(data)));
                    synchronized (acknowledged) {
                        acknowledged.add(put);
                    }
                } catch (RuntimeException e) {
                    // not acknowledged (the parent is closing): the writer goes on, as a client retrying would
                }
            }
        });
        eventually(() -> count(acknowledged) >= 20);
        a.splitShard(r -> r.streamName("split").shardToSplit("shardId-000000000000")
                .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
        gateways.stop(gatewayA); // mid-reshard: the parent's end is not fixed yet
        int atClose = count(acknowledged);
        eventually(() -> count(acknowledged) >= atClose + 20);
        writing.set(false);
        writer.join();

        List<Shard> shards = b.listShards(r -> r.streamName("split")).shards();
        assertThat(shards).extracting(Shard::shardId).containsExactly("shardId-000000000000",
                "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.subList(1, 3)).allSatisfy(s -> assertThat(s.parentShardId())
                .isEqualTo("shardId-000000000000"));
        Map<String, List<Record>> read = new TreeMap<>();
        List<String> childrenOfParent = new ArrayList<>();
        read.put("shardId-000000000000", readToEnd(b, "shardId-000000000000", childrenOfParent));
        assertThat(childrenOfParent).containsExactly("shardId-000000000001", "shardId-000000000002");
        for (String child : List.of("shardId-000000000001", "shardId-000000000002")) {
            read.put(child, readToEnd(b, child, null));
        }
        List<String> readNumbers = read.values().stream().flatMap(List::stream).map(Record::sequenceNumber)
                .toList();
        assertThat(new HashSet<>(readNumbers)).as("no record read twice").hasSameSizeAs(readNumbers);
        synchronized (acknowledged) {
            for (PutRecordResponse put : acknowledged) {
                assertThat(read.get(put.shardId())).extracting(Record::sequenceNumber)
                        .as("acknowledged in %s", put.shardId()).contains(put.sequenceNumber());
            }
            Set<String> toChildren = new HashSet<>();
            acknowledged.stream().filter(p -> !p.shardId().equals("shardId-000000000000"))
                    .forEach(p -> toChildren.add(p.shardId()));
            assertThat(toChildren).isNotEmpty();
        }
    }

    /** Reads a shard until the end of what it holds: for a closed shard until ChildShards come, for an open one to
     *  an empty page; collects the parent's ChildShards into {@code children} when given. */
    private static List<Record> readToEnd(KinesisClient kinesis, String shardId, List<String> children) {
        String iterator = kinesis.getShardIterator(r -> r.streamName("split").shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (iterator != null && System.currentTimeMillis() < deadline) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            records.addAll(page.records());
            if (children != null && page.hasChildShards() && !page.childShards().isEmpty()) {
                page.childShards().stream().map(ChildShard::shardId).forEach(children::add);
            }
            iterator = children == null && page.records().isEmpty() ? null : page.nextShardIterator();
        }
        assertThat(iterator).as("%s read to its end in time", shardId).isNull();
        return records;
    }

    private static int count(List<PutRecordResponse> acknowledged) {
        synchronized (acknowledged) {
            return acknowledged.size();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Subscribes to shard 0 from TRIM_HORIZON and queues every pushed record. */
    private static Pushed subscribe(KinesisAsyncClient client, String consumerArn) {
        Pushed pushed = new Pushed();
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onEventStream(publisher -> publisher.subscribe(pushed))
                .build();
        client.subscribeToShard(SubscribeToShardRequest.builder().consumerARN(consumerArn)
                .shardId("shardId-000000000000")
                .startingPosition(StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build())
                .build(), handler);
        return pushed;
    }

    /** The records one subscription received. */
    private static final class Pushed implements Subscriber<SubscribeToShardEventStream> {
        final BlockingQueue<Record> records = new LinkedBlockingQueue<>();
        final CountDownLatch firstEvent = new CountDownLatch(1);

        @Override
        public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(SubscribeToShardEventStream item) {
            if (item instanceof SubscribeToShardEvent event) {
                records.addAll(event.records());
                firstEvent.countDown();
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }
}
