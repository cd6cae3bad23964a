package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.CollectingSubscriber;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.Requests;
import io.millrace.streams.consumer.FanOutConfig;
import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.model.SubscribeToShardEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.put;

import static org.assertj.core.api.Assertions.assertThat;

class SubscribeToShardTest {
    private static final String SHARD = "shardId-000000000000";
    private final EngineFixture kinesis = new EngineFixture();
    private String arn;

    @BeforeEach
    void registerConsumer() {
        kinesis.call("CreateStream", create("s", 1));
        arn = DeregisterStreamConsumerTest.registerApp(kinesis);
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void theFirstEventComesAtOnceAndRecordsArePushedAsTheyAreAppended() {
        CollectingSubscriber subscriber = subscribeFrom(ShardIteratorType.LATEST, null);
        subscriber.request(10);
        assertThat(subscriber.events).hasSize(1);
        assertThat(subscriber.events.get(0).records()).isEmpty();
        kinesis.call("PutRecord", put("s", "k", "one"));
        kinesis.call("PutRecord", put("s", "k", "two"));
        assertThat(subscriber.data()).containsExactly("one", "two");
        assertThat(subscriber.last().continuationSequenceNumber())
                .isEqualTo(subscriber.last().records().get(0).sequenceNumber());
        assertThat(subscriber.last().millisBehindLatest()).isZero();
    }

    @Test
    void nothingIsSentWithoutDemand() {
        CollectingSubscriber subscriber = subscribeFrom(ShardIteratorType.TRIM_HORIZON, null);
        kinesis.call("PutRecord", put("s", "k", "one"));
        assertThat(subscriber.events).isEmpty();
        subscriber.request(1);
        assertThat(subscriber.data()).containsExactly("one");
        kinesis.call("PutRecord", put("s", "k", "two"));
        assertThat(subscriber.events).hasSize(1);
        subscriber.request(1);
        assertThat(subscriber.data()).containsExactly("one", "two");
    }

    @Test
    void resumingAfterTheContinuationNumberMissesAndRepeatsNothing() {
        kinesis.call("PutRecord", put("s", "k", "one"));
        CollectingSubscriber first = subscribeFrom(ShardIteratorType.TRIM_HORIZON, null);
        first.request(10);
        kinesis.call("PutRecord", put("s", "k", "two"));
        first.subscription.cancel();
        kinesis.call("PutRecord", put("s", "k", "three"));
        CollectingSubscriber second = subscribeFrom(ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                first.last().continuationSequenceNumber());
        second.request(10);
        assertThat(first.data()).containsExactly("one", "two");
        assertThat(second.data()).containsExactly("three");
    }

    @Test
    void theContinuationOfAnIdleShardResumesAtItsStart() {
        CollectingSubscriber first = subscribeFrom(ShardIteratorType.LATEST, null);
        first.request(1);
        first.subscription.cancel();
        kinesis.call("PutRecord", put("s", "k", "one"));
        CollectingSubscriber second = subscribeFrom(ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                first.last().continuationSequenceNumber());
        second.request(10);
        assertThat(second.data()).containsExactly("one");
    }

    @Test
    void anIdleSubscriptionSendsAHeartbeatAfterFiveSeconds() {
        CollectingSubscriber subscriber = subscribeFrom(ShardIteratorType.LATEST, null);
        subscriber.request(10);
        kinesis.clock.advanceMs(4_999);
        kinesis.engine().runMaintenance();
        assertThat(subscriber.events).hasSize(1);
        kinesis.clock.advanceMs(1);
        kinesis.engine().runMaintenance();
        assertThat(subscriber.events).hasSize(2);
        SubscribeToShardEvent heartbeat = subscriber.last();
        assertThat(heartbeat.records()).isEmpty();
        assertThat(heartbeat.continuationSequenceNumber())
                .isEqualTo(subscriber.events.get(0).continuationSequenceNumber());
    }

    @Test
    void aSubscriptionEndsNormallyAfterFiveMinutes() {
        CollectingSubscriber subscriber = subscribeFrom(ShardIteratorType.LATEST, null);
        subscriber.request(Long.MAX_VALUE);
        kinesis.clock.advanceMs(299_999);
        kinesis.engine().runMaintenance();
        assertThat(subscriber.isComplete).isFalse();
        kinesis.clock.advanceMs(1);
        kinesis.engine().runMaintenance();
        assertThat(subscriber.isComplete).isTrue();
        assertThat(subscriber.error).isNull();
        assertThat(kinesis.engine().fanOut().subscriptions().size()).isZero();
    }

    @Test
    void aSecondSubscriptionWithinFiveSecondsIsRefusedAndALaterOneTakesOver() {
        CollectingSubscriber first = subscribeFrom(ShardIteratorType.LATEST, null);
        first.request(10);
        kinesis.clock.advanceMs(4_999);
        assertThat(kinesis.message("SubscribeToShard",
                Requests.subscribe(arn, SHARD, ShardIteratorType.LATEST, null),
                KinesisError.RESOURCE_IN_USE)).isEqualTo("Another active subscription exists for this consumer: "
                + "123456789012:s:shardId-000000000000:app");
        kinesis.clock.advanceMs(1);
        CollectingSubscriber second = subscribeFrom(ShardIteratorType.LATEST, null);
        second.request(10);
        assertThat(first.error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) first.error).error()).isEqualTo(KinesisError.RESOURCE_IN_USE);
        assertThat(second.events).hasSize(1);
        assertThat(second.error).isNull();
    }

    @Test
    void aCancelledSubscriptionDoesNotBlockTheNextOne() {
        CollectingSubscriber first = subscribeFrom(ShardIteratorType.LATEST, null);
        first.subscription.cancel();
        CollectingSubscriber second = subscribeFrom(ShardIteratorType.LATEST, null);
        second.request(1);
        assertThat(second.events).hasSize(1);
    }

    @Test
    void aConsumerThatIsStillCreatingCannotSubscribe() {
        try (EngineFixture delayed = new EngineFixture(new InMemoryLogStore(),
                EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET),
                FanOutConfig.defaults().withConsumerStatusDelayMs(1000))) {
            delayed.call("CreateStream", create("s", 1));
            String creating = DeregisterStreamConsumerTest.registerApp(delayed);
            assertThat(delayed.message("SubscribeToShard",
                    Requests.subscribe(creating, SHARD, ShardIteratorType.LATEST, null),
                    KinesisError.RESOURCE_IN_USE))
                    .isEqualTo("Consumer app with creation timestamp " + EngineFixture.START_MS / 1000
                            + " under stream s and account 123456789012 is not in ACTIVE status.");
        }
    }

    @Test
    void anUnknownShardIsResourceNotFound() {
        assertThat(kinesis.message("SubscribeToShard",
                Requests.subscribe(arn, "shardId-000000000009", ShardIteratorType.LATEST, null),
                KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Could not find shard shardId-000000000009 in stream s under account 123456789012.");
    }

    @Test
    void afterSequenceNumberWithoutANumberIsAnInvalidArgument() {
        assertThat(kinesis.message("SubscribeToShard",
                Requests.subscribe(arn, SHARD, ShardIteratorType.AFTER_SEQUENCE_NUMBER, null),
                KinesisError.INVALID_ARGUMENT))
                .isEqualTo("StartingPosition of type AFTER_SEQUENCE_NUMBER requires a SequenceNumber.");
    }

    @Test
    void deletingTheStreamEndsItsSubscriptions() {
        CollectingSubscriber subscriber = subscribeFrom(ShardIteratorType.LATEST, null);
        subscriber.request(10);
        kinesis.call("DeleteStream", new DeleteStreamRequest("s", true, null, null));
        assertThat(subscriber.error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) subscriber.error).wireMessage())
                .isEqualTo("Stream s under account 123456789012 not found.");
    }

    @Test
    void manyRecordsArriveInOrderAcrossEvents() {
        CollectingSubscriber subscriber = subscribeFrom(ShardIteratorType.TRIM_HORIZON, null);
        for (int i = 0; i < 50; i++) {
            kinesis.call("PutRecord", put("s", "k", "r" + i));
        }
        subscriber.request(Long.MAX_VALUE);
        assertThat(subscriber.data()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 50).mapToObj(i -> "r" + i).toList());
        assertThat(subscriber.events.stream().map(SubscribeToShardEvent::childShards).toList())
                .containsOnlyNulls();
        List<String> numbers = subscriber.events.stream().flatMap(e -> e.records().stream())
                .map(r -> r.sequenceNumber()).toList();
        assertThat(numbers).isSorted();
    }

    @Test
    void aCaughtUpSubscriptionDrainsOnItsConnectionAndOneThatIsBehindOnTheHub() {
        kinesis.call("PutRecord", put("s", "k", "backlog"));
        ConnectionThread connection = new ConnectionThread();
        List<Boolean> onConnection = new ArrayList<>();
        CollectingSubscriber subscriber = new CollectingSubscriber();
        SubscribeToShardResponse response = kinesis.call("SubscribeToShard",
                Requests.subscribe(arn, SHARD, ShardIteratorType.TRIM_HORIZON, null), connection.context());
        response.eventStream().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(SubscribeToShardEvent event) {
                onConnection.add(connection.isRunning);
                subscriber.onNext(event);
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
        subscriber.request(2);
        kinesis.call("PutRecord", put("s", "k", "caught up"));
        kinesis.call("PutRecord", put("s", "k", "no demand"));
        subscriber.request(1);

        assertThat(subscriber.data()).containsExactly("backlog", "caught up", "no demand");
        // The backlog is read on the hub; once caught up, the next append drains on the connection; the append
        // that finds no demand leaves the subscription behind, so the demand that follows drains on the hub.
        assertThat(onConnection).containsExactly(false, true, false);
    }

    /** An executor that runs tasks at once and says whether a task of its own is running. Not thread-safe. */
    private final class ConnectionThread implements Executor {
        boolean isRunning;

        @Override
        public void execute(Runnable task) {
            isRunning = true;
            try {
                task.run();
            } finally {
                isRunning = false;
            }
        }

        RequestContext context() {
            RequestContext plain = kinesis.context();
            return new RequestContext(plain.accountId(), plain.region(), plain.requestId(), this);
        }
    }

    private CollectingSubscriber subscribeFrom(ShardIteratorType type, String sequenceNumber) {
        return CollectingSubscriber.to(kinesis.call("SubscribeToShard",
                Requests.subscribe(arn, SHARD, type, sequenceNumber)));
    }
}
