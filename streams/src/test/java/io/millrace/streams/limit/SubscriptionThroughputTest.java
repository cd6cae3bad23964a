package io.millrace.streams.limit;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.CollectingSubscriber;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.Requests;
import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.model.SubscribeToShardEvent;
import io.millrace.streams.op.PutRecordRequest;
import io.millrace.streams.op.RegisterStreamConsumerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

/** The opt-in SubscribeToShard limits, exercised through the operations with a manual clock. */
class SubscriptionThroughputTest {
    private static final String SHARD0 = "shardId-000000000000";
    private static final String SHARD1 = "shardId-000000000001";
    private static final int RECORD_BYTES = 512 * 1024;

    private EngineFixture kinesis;

    @AfterEach
    void close() {
        kinesis.close();
    }

    private String start(boolean isEnforced, int shards) {
        kinesis = new EngineFixture(new InMemoryLogStore(),
                EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET).withLimitsEnforced(isEnforced));
        kinesis.call("CreateStream", create("s", shards));
        return ((RegisterStreamConsumerResponse) kinesis.call("RegisterStreamConsumer", Requests.register("s", "app")))
                .consumer().consumerARN();
    }

    private CollectingSubscriber subscribe(String arn, String shardId) {
        return CollectingSubscriber.to(kinesis.call("SubscribeToShard",
                Requests.subscribe(arn, shardId, ShardIteratorType.TRIM_HORIZON, null)));
    }

    /** Eight records of exactly 512 KiB (data plus the one-byte key), written within the 1 MiB/s write limit. */
    private void putEightHalfMebibyteRecords() {
        for (int i = 0; i < 8; i++) {
            kinesis.call("PutRecord", new PutRecordRequest("s", new byte[RECORD_BYTES - 1], "k", null, null, null,
                    null, null));
            kinesis.clock.advanceMs(500);
        }
    }

    private static long recordCount(CollectingSubscriber subscriber) {
        return subscriber.events.stream().mapToLong(e -> e.records().size()).sum();
    }

    @Test
    void aSecondSubscribeToShardWithinOneSecondIsLimitExceededAndAdmittedOneSecondLater() {
        String arn = start(true, 1);
        subscribe(arn, SHARD0).subscription.cancel();
        kinesis.clock.advanceMs(999);
        assertThat(kinesis.message("SubscribeToShard", Requests.subscribe(arn, SHARD0, ShardIteratorType.LATEST,
                null), KinesisError.LIMIT_EXCEEDED))
                .isEqualTo("Rate exceeded for consumer app on shard shardId-000000000000 in stream s under account "
                        + "123456789012.");
        kinesis.clock.advanceMs(1);
        CollectingSubscriber admitted = subscribe(arn, SHARD0);
        admitted.request(1);
        assertThat(admitted.events).hasSize(1);
    }

    @Test
    void theCallLimitIsPerShard() {
        String arn = start(true, 2);
        subscribe(arn, SHARD0).subscription.cancel();
        CollectingSubscriber other = subscribe(arn, SHARD1);
        other.request(1);
        assertThat(other.error).isNull();
        assertThat(other.events).hasSize(1);
    }

    @Test
    void withoutEnforcementResubscribingAtOnceIsAdmitted() {
        String arn = start(false, 1);
        subscribe(arn, SHARD0).subscription.cancel();
        CollectingSubscriber again = subscribe(arn, SHARD0);
        again.request(1);
        assertThat(again.error).isNull();
        assertThat(again.events).hasSize(1);
    }

    @Test
    void deliveryBeyondTwoMebibytesPerSecondWaitsForTheAllowanceInsteadOfFailing() {
        String arn = start(true, 1);
        putEightHalfMebibyteRecords();
        CollectingSubscriber subscriber = subscribe(arn, SHARD0);
        subscriber.request(Long.MAX_VALUE);
        assertThat(recordCount(subscriber)).as("the full bucket: 2 MiB").isEqualTo(4);
        kinesis.clock.advanceMs(100);
        kinesis.engine().fanOut().subscriptions().wakeThrottled();
        assertThat(recordCount(subscriber)).as("any allowance lets one whole record through").isEqualTo(5);
        kinesis.clock.advanceMs(150);
        kinesis.engine().fanOut().subscriptions().wakeThrottled();
        assertThat(recordCount(subscriber)).as("the rest of that record is repaid first").isEqualTo(5);
        kinesis.clock.advanceMs(1);
        kinesis.engine().fanOut().subscriptions().wakeThrottled();
        assertThat(recordCount(subscriber)).isEqualTo(6);
        kinesis.clock.advanceMs(1_500);
        kinesis.engine().runMaintenance();
        assertThat(recordCount(subscriber)).isEqualTo(8);
        assertThat(subscriber.error).isNull();
        assertThat(subscriber.isComplete).isFalse();
        assertThat(subscriber.last().millisBehindLatest()).isZero();
    }

    @Test
    void withoutEnforcementEveryRecordIsDeliveredAtOnce() {
        String arn = start(false, 1);
        putEightHalfMebibyteRecords();
        CollectingSubscriber subscriber = subscribe(arn, SHARD0);
        subscriber.request(Long.MAX_VALUE);
        assertThat(recordCount(subscriber)).isEqualTo(8);
        assertThat(subscriber.events.stream().mapToInt(e -> e.records().size()).max().orElse(0))
                .as("an event carries up to 1 MiB").isEqualTo(2);
        assertThat(subscriber.events.stream().map(SubscribeToShardEvent::childShards).toList()).containsOnlyNulls();
    }
}
