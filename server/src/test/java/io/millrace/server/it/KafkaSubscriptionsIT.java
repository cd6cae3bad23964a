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
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.millrace.server.it.KafkaGateways.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SubscribeToShard's rules across two gateways on one Kafka cluster (the shared in-process KRaft node), driven by
 * the real AWS SDK async client: one subscription per consumer and shard whichever gateway serves it (a second one
 * within 5 s is refused, a later one takes over and the first ends), with {@code --enforce-limits} one call per second
 * per consumer and shard whichever gateway serves it, and deregistering a consumer or deleting its
 * stream through one gateway ends its subscriptions on the other at once rather than at their 5-minute lifetime.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaSubscriptionsIT {
    private static final long WAIT_SECONDS = 30;
    /** Far below the 5-minute lifetime, far above a metadata round trip. */
    private static final long PROMPT_MS = 10_000;
    private static final String SHARD = "shardId-000000000000";

    private final KafkaGateways gateways = new KafkaGateways("subs");

    @AfterEach
    void stop() {
        gateways.close();
    }

    @Test
    void aSecondSubscriptionThroughAnotherGatewayWithinFiveSecondsIsRefusedAndALaterOneTakesOverEndingTheFirst()
            throws Exception {
        Millrace gatewayA = gateways.start(Clock.systemUTC());
        ShiftedClock clockB = new ShiftedClock();
        Millrace gatewayB = gateways.start(clockB);
        KinesisClient admin = Clients.sync(endpoint(gatewayA), true);
        String consumerArn = activeConsumer(admin, Clients.sync(endpoint(gatewayB), true), "takeover");
        KinesisAsyncClient a = Clients.async(endpoint(gatewayA), true);
        KinesisAsyncClient b = Clients.async(endpoint(gatewayB), false);

        Events onA = subscribe(a, consumerArn).join();
        assertThatThrownBy(() -> subscribe(b, consumerArn).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Another active subscription exists for this consumer: ");
        assertThat(onA.failure).as("the refused call leaves the first alone").isNotDone();

        clockB.advanceMs(5_000);
        Events onB = subscribe(b, consumerArn).join();
        Throwable endOfA = onA.failure.get(PROMPT_MS, TimeUnit.MILLISECONDS);
        assertThat(endOfA).isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("A newer subscription of consumer " + consumerArn);

        admin.putRecord(r -> r.streamName("takeover").partitionKey("k").data(SdkBytes.fromUtf8String("after")));
        Record pushed = onB.records.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(pushed).as("the new holder carries on").isNotNull();
        assertThat(pushed.data().asString(StandardCharsets.UTF_8)).isEqualTo("after");
        assertThat(onB.failure).isNotDone();
    }

    @Test
    void withLimitsEnforcedASecondCallThroughAnotherGatewayWithinOneSecondIsLimitExceeded() throws Exception {
        ShiftedClock clockA = new ShiftedClock();
        Millrace gatewayA = gateways.start(clockA, "--enforce-limits");
        ShiftedClock clockB = new ShiftedClock();
        Millrace gatewayB = gateways.start(clockB, "--enforce-limits");
        KinesisClient admin = Clients.sync(endpoint(gatewayA), true);
        String consumerArn = activeConsumer(admin, Clients.sync(endpoint(gatewayB), true), "ratelimited");
        KinesisAsyncClient a = Clients.async(endpoint(gatewayA), true);
        KinesisAsyncClient b = Clients.async(endpoint(gatewayB), false);
        // A's call is stamped 30 s ahead of B's clock, so B finds it "within the second" however long the machine
        // takes between the two calls (up to 30 s).
        clockA.advanceMs(30_000);

        Events onA = subscribe(a, consumerArn).join();
        assertThatThrownBy(() -> subscribe(b, consumerArn).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("Rate exceeded for consumer app on shard " + SHARD
                        + " in stream ratelimited under account ");

        clockB.advanceMs(31_000);
        assertThatThrownBy(() -> subscribe(b, consumerArn).join())
                .as("a second later only the 5-second takeover rule refuses it")
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ResourceInUseException.class);
        assertThat(onA.failure).as("refused calls leave the first alone").isNotDone();
    }

    @Test
    void deregisteringAConsumerThroughOneGatewayEndsItsSubscriptionOnTheOtherPromptly() throws Exception {
        Millrace gatewayA = gateways.start(Clock.systemUTC());
        Millrace gatewayB = gateways.start(Clock.systemUTC());
        KinesisClient b = Clients.sync(endpoint(gatewayB), true);
        String consumerArn = activeConsumer(Clients.sync(endpoint(gatewayA), true), b, "deregistered");
        Events onA = subscribe(Clients.async(endpoint(gatewayA), true), consumerArn).join();

        b.deregisterStreamConsumer(r -> r.consumerARN(consumerArn));
        Throwable end = onA.failure.get(PROMPT_MS, TimeUnit.MILLISECONDS);
        assertThat(end).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Consumer " + consumerArn + " was deregistered.");
    }

    @Test
    void deletingTheStreamWithItsConsumersThroughOneGatewayEndsTheirSubscriptionsOnTheOtherPromptly()
            throws Exception {
        Millrace gatewayA = gateways.start(Clock.systemUTC());
        Millrace gatewayB = gateways.start(Clock.systemUTC());
        KinesisClient b = Clients.sync(endpoint(gatewayB), true);
        String consumerArn = activeConsumer(Clients.sync(endpoint(gatewayA), true), b, "deleted");
        Events onA = subscribe(Clients.async(endpoint(gatewayA), true), consumerArn).join();

        b.deleteStream(r -> r.streamName("deleted").enforceConsumerDeletion(true));
        Throwable end = onA.failure.get(PROMPT_MS, TimeUnit.MILLISECONDS);
        assertThat(end).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream deleted under account ");
    }

    /** Creates a one-shard stream through {@code creator} and a consumer, and waits until {@code other} sees both. */
    private static String activeConsumer(KinesisClient creator, KinesisClient other, String stream)
            throws InterruptedException {
        creator.createStream(r -> r.streamName(stream).shardCount(1));
        creator.waiter().waitUntilStreamExists(r -> r.streamName(stream));
        eventually(() -> {
            try {
                return other.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                        .streamStatus() == StreamStatus.ACTIVE;
            } catch (ResourceNotFoundException | LimitExceededException e) {
                return false; // not there yet, or (with --enforce-limits) polled faster than its call rate
            }
        });
        String streamArn = creator.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                .streamARN();
        String consumerArn = creator.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("app"))
                .consumer().consumerARN();
        for (KinesisClient client : List.of(creator, other)) {
            eventually(() -> {
                try {
                    return client.describeStreamConsumer(r -> r.consumerARN(consumerArn)).consumerDescription()
                            .consumerStatus() == ConsumerStatus.ACTIVE;
                } catch (ResourceNotFoundException | LimitExceededException e) {
                    return false;
                }
            });
        }
        return consumerArn;
    }

    /** Polls {@code condition} (a state another gateway changes) until it holds or the wait runs out. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        KafkaGateways.eventually(condition, TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    /** Subscribes to shard 0 from LATEST; completes at the first event, or fails with the call's error. */
    private static CompletableFuture<Events> subscribe(KinesisAsyncClient client, String consumerArn) {
        Events events = new Events();
        CompletableFuture<Events> ready = new CompletableFuture<>();
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onError(ready::completeExceptionally)
                .onEventStream(publisher -> publisher.subscribe(events.subscriber(ready)))
                .build();
        client.subscribeToShard(SubscribeToShardRequest.builder().consumerARN(consumerArn).shardId(SHARD)
                .startingPosition(p -> p.type(ShardIteratorType.LATEST)).build(), handler)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        ready.completeExceptionally(failure instanceof CompletionException ? failure
                                : new CompletionException(failure));
                    }
                });
        return ready.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** What one subscription received, and how it ended. */
    private static final class Events {
        final BlockingQueue<Record> records = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();

        Subscriber<SubscribeToShardEventStream> subscriber(CompletableFuture<Events> ready) {
            return new Subscriber<>() {
                @Override
                public void onSubscribe(Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(SubscribeToShardEventStream item) {
                    if (item instanceof SubscribeToShardEvent event) {
                        records.addAll(event.records());
                        ready.complete(Events.this);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    failure.complete(t);
                    ready.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    failure.complete(null);
                }
            };
        }
    }
}
