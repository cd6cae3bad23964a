package io.millrace.streams.op;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.CollectingSubscriber;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SubscribeToShard's rules across two engines (gateways) sharing one metadata store, each with its own clock: one
 * subscription per consumer and shard whichever gateway serves it, claims that follow the live subscriptions, and
 * deregistration through one gateway ending the other's subscriptions.
 */
class SubscribeToShardAcrossGatewaysTest {
    private static final String SHARD = TwoGateways.SHARD;
    private static final String CLAIMS = "kinesis/subscriptions/";
    private static final String IN_USE = "Another active subscription exists for this consumer: "
            + "123456789012:s:shardId-000000000000:app";

    private final TwoGateways gateways =
            new TwoGateways(EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET));
    private final EngineFixture a = gateways.a;
    private final EngineFixture b = gateways.b;
    private final String arn = gateways.consumerArn;

    @AfterEach
    void close() {
        gateways.close();
    }

    @Test
    void aSecondSubscriptionThroughTheOtherGatewayWithinFiveSecondsIsRefusedAndALaterOneTakesOver() {
        CollectingSubscriber onA = gateways.subscribe(a);
        b.clock.advanceMs(4_999);
        assertThat(b.message("SubscribeToShard", gateways.request(), KinesisError.RESOURCE_IN_USE)).isEqualTo(IN_USE);
        assertThat(onA.error).as("a refused call leaves the holder alone").isNull();

        b.clock.advanceMs(1);
        CollectingSubscriber onB = gateways.subscribe(b);
        assertThat(onA.error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) onA.error).wireMessage())
                .isEqualTo("A newer subscription of consumer " + arn + " to shard " + SHARD + " took over.");
        assertThat(a.engine().fanOut().subscriptions().size()).isZero();
        assertThat(onB.error).isNull();
        assertThat(onB.events).hasSize(1);
        assertThat(gateways.metadata.liveEntries(CLAIMS)).as("one claim, the new holder's").isEqualTo(1);
    }

    @Test
    void aSubscriptionTakenOverBeforeItsClientListensTellsItWhyOnceItDoes() {
        SubscribeToShardResponse unheard = a.call("SubscribeToShard", gateways.request());
        b.clock.advanceMs(5_000);
        gateways.subscribe(b);
        CollectingSubscriber late = new CollectingSubscriber();
        unheard.eventStream().subscribe(late);
        assertThat(late.error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) late.error).error()).isEqualTo(KinesisError.RESOURCE_IN_USE);
        assertThat(late.events).isEmpty();
        assertThat(a.engine().fanOut().subscriptions().size()).isZero();
    }

    @Test
    void aGatewayAlsoRefusesItsOwnSecondSubscriptionWithinFiveSecondsAndLetsALaterOneTakeOver() {
        CollectingSubscriber first = gateways.subscribe(a);
        a.clock.advanceMs(4_999);
        assertThat(a.message("SubscribeToShard", gateways.request(), KinesisError.RESOURCE_IN_USE)).isEqualTo(IN_USE);
        a.clock.advanceMs(1);
        CollectingSubscriber second = gateways.subscribe(a);
        assertThat(first.error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) first.error).error()).isEqualTo(KinesisError.RESOURCE_IN_USE);
        assertThat(second.error).isNull();
        assertThat(a.engine().fanOut().subscriptions().size()).isEqualTo(1);
    }

    @Test
    void anEndedSubscriptionReleasesItsClaimSoTheOtherGatewaySubscribesAtOnce() {
        CollectingSubscriber onA = gateways.subscribe(a);
        assertThat(gateways.metadata.liveEntries(CLAIMS)).isEqualTo(1);
        onA.subscription.cancel();
        assertThat(gateways.metadata.liveEntries(CLAIMS)).as("released as it ended").isZero();
        CollectingSubscriber onB = gateways.subscribe(b);
        assertThat(onB.error).isNull();
        assertThat(onB.events).hasSize(1);
    }

    @Test
    void aCancelledSubscriptionDoesNotBlockTheNextOneThroughTheSameGateway() {
        CollectingSubscriber first = gateways.subscribe(a);
        first.subscription.cancel();
        CollectingSubscriber second = gateways.subscribe(a);
        assertThat(second.error).isNull();
        assertThat(second.events).hasSize(1);
    }

    @Test
    void deregisteringThroughOneGatewayEndsTheSubscriptionOnTheOtherAndLeavesNoClaim() {
        CollectingSubscriber onA = gateways.subscribe(a);
        b.call("DeregisterStreamConsumer", new DeregisterStreamConsumerRequest(null, null, arn, null));
        assertThat(onA.error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) onA.error).wireMessage()).isEqualTo("Consumer " + arn + " was deregistered.");
        assertThat(a.engine().fanOut().subscriptions().size()).isZero();
        assertThat(gateways.metadata.liveEntries(CLAIMS)).isZero();
    }

    @Test
    void deletingTheStreamThroughOneGatewayEndsTheSubscriptionOnTheOtherAsStreamNotFound() {
        CollectingSubscriber onA = gateways.subscribe(a);
        b.call("DeleteStream", new DeleteStreamRequest("s", true, null, null));
        assertThat(onA.error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) onA.error).wireMessage())
                .isEqualTo("Stream s under account 123456789012 not found.");
        assertThat(gateways.metadata.liveEntries(CLAIMS)).isZero();
    }
}
