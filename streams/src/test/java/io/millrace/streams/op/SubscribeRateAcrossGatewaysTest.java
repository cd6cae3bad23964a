package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.CollectingSubscriber;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.Lockstep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in limit of one SubscribeToShard call per second per consumer and shard holds across two engines
 * (gateways) sharing one metadata store, each with its own manual clock: whichever gateway made the last call, a call
 * through the other within the second is refused, a cancel does not forget the call, and without limits nothing of
 * this applies.
 */
class SubscribeRateAcrossGatewaysTest {
    private static final String CLAIMS = "kinesis/subscriptions/";
    private static final String RATE_EXCEEDED = "Rate exceeded for consumer app on shard shardId-000000000000 in "
            + "stream s under account 123456789012.";
    private static final String IN_USE = "Another active subscription exists for this consumer: "
            + "123456789012:s:shardId-000000000000:app";

    private TwoGateways gateways;
    private EngineFixture a;
    private EngineFixture b;

    private void gateways(boolean limitsEnforced) {
        gateways = new TwoGateways(EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET)
                .withLimitsEnforced(limitsEnforced));
        a = gateways.a;
        b = gateways.b;
    }

    @AfterEach
    void close() {
        gateways.close();
    }

    /** The message of the error {@code gateway} refuses the SubscribeToShard with (it must be {@code error}). */
    private String refusal(EngineFixture gateway, KinesisError error) {
        return gateway.message("SubscribeToShard", gateways.request(), error);
    }

    @Test
    void aCallThroughTheOtherGatewayWithinOneSecondIsLimitExceededEvenWhereTheTakeoverRuleAlsoRefusesIt() {
        gateways(true);
        gateways.subscribe(a);
        assertThat(refusal(b, KinesisError.LIMIT_EXCEEDED)).isEqualTo(RATE_EXCEEDED);
        b.clock.advanceMs(999);
        assertThat(refusal(b, KinesisError.LIMIT_EXCEEDED)).isEqualTo(RATE_EXCEEDED);
        b.clock.advanceMs(1);
        assertThat(refusal(b, KinesisError.RESOURCE_IN_USE))
                .as("past the second only the takeover rule refuses it").isEqualTo(IN_USE);
    }

    @Test
    void aCancelAndAResubscribeThroughTheOtherGatewayWithinOneSecondIsRefusedAndAdmittedOneSecondAfterTheCall() {
        gateways(true);
        gateways.subscribe(a).subscription.cancel();
        assertThat(gateways.metadata.liveEntries(CLAIMS)).as("released, keeping the call's time").isEqualTo(1);
        b.clock.advanceMs(999);
        assertThat(refusal(b, KinesisError.LIMIT_EXCEEDED)).isEqualTo(RATE_EXCEEDED);
        b.clock.advanceMs(1);
        CollectingSubscriber onB = gateways.subscribe(b);
        assertThat(onB.error).isNull();
        assertThat(onB.events).hasSize(1);
    }

    @Test
    void aCallRefusedAsInUseStillCountsAgainstTheRateOnEveryGateway() {
        gateways(true);
        CollectingSubscriber onA = gateways.subscribe(a);
        b.clock.advanceMs(1_500);
        assertThat(refusal(b, KinesisError.RESOURCE_IN_USE)).isEqualTo(IN_USE);
        a.clock.advanceMs(2_499);
        assertThat(refusal(a, KinesisError.LIMIT_EXCEEDED)).isEqualTo(RATE_EXCEEDED);
        a.clock.advanceMs(1);
        assertThat(refusal(a, KinesisError.RESOURCE_IN_USE)).isEqualTo(IN_USE);
        assertThat(onA.error).as("refused calls leave the holder alone").isNull();
    }

    @Test
    void aReleasedClaimIsRemovedOnceItsCallIsASecondOldAndAReleaseAfterThatRemovesAtOnce() {
        gateways(true);
        gateways.subscribe(a).subscription.cancel();
        a.clock.advanceMs(999);
        a.engine().runMaintenance();
        assertThat(gateways.metadata.liveEntries(CLAIMS)).isEqualTo(1);
        a.clock.advanceMs(1);
        a.engine().runMaintenance();
        assertThat(gateways.metadata.liveEntries(CLAIMS)).isZero();

        a.clock.advanceMs(1_000);
        CollectingSubscriber again = gateways.subscribe(a);
        a.clock.advanceMs(1_000);
        again.subscription.cancel();
        assertThat(gateways.metadata.liveEntries(CLAIMS)).as("nothing left to limit: removed as without limits")
                .isZero();
    }

    @Test
    void deregisteringTheConsumerRemovesAReleasedClaimToo() {
        gateways(true);
        gateways.subscribe(a).subscription.cancel();
        b.call("DeregisterStreamConsumer", new DeregisterStreamConsumerRequest(null, null, gateways.consumerArn, null));
        assertThat(gateways.metadata.liveEntries(CLAIMS)).isZero();
    }

    @Test
    void twoGatewaysCallingAtTheSameMomentAdmitOneCall() throws Exception {
        gateways(true);
        Lockstep lockstep = new Lockstep(gateways.metadata);
        List<String> outcomes = lockstep.run(List.of(
                out -> out.record(() -> a.call("SubscribeToShard", gateways.request())),
                out -> out.record(() -> b.call("SubscribeToShard", gateways.request()))));
        assertThat(outcomes).containsExactlyInAnyOrder("ok", RATE_EXCEEDED);
    }

    @Test
    void withoutLimitsACallThroughTheOtherGatewayIsOnlySubjectToTheTakeoverRule() {
        gateways(false);
        CollectingSubscriber onA = gateways.subscribe(a);
        assertThat(refusal(b, KinesisError.RESOURCE_IN_USE)).isEqualTo(IN_USE);
        onA.subscription.cancel();
        assertThat(gateways.metadata.liveEntries(CLAIMS)).as("removed at once").isZero();
        CollectingSubscriber onB = gateways.subscribe(b);
        assertThat(onB.error).isNull();
        assertThat(onB.events).hasSize(1);
    }
}
