package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.CollectingSubscriber;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.Lockstep;
import io.millrace.streams.Requests;
import io.millrace.streams.SharedMemoryMetadata;
import io.millrace.streams.SharedMemoryStore;
import io.millrace.streams.model.ShardIteratorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in limit of one SubscribeToShard call per second per consumer and shard holds across two engines
 * (gateways) sharing one metadata store, each with its own manual clock: whichever gateway made the last call, a call
 * through the other within the second is refused, a cancel does not forget the call, and without limits nothing of
 * this applies.
 */
class SubscribeRateAcrossGatewaysTest {
    private static final String SHARD = "shardId-000000000000";
    private static final String CLAIMS = "kinesis/subscriptions/";
    private static final String RATE_EXCEEDED = "Rate exceeded for consumer app on shard shardId-000000000000 in "
            + "stream s under account 123456789012.";
    private static final String IN_USE = "Another active subscription exists for this consumer: "
            + "123456789012:s:shardId-000000000000:app";

    private final SharedMemoryMetadata metadata = new SharedMemoryMetadata();
    private final SharedMemoryStore store = new SharedMemoryStore(new InMemoryLogStore(), metadata);
    private EngineFixture a;
    private EngineFixture b;
    private String arn;

    private void gateways(boolean limitsEnforced) {
        EngineConfig config = EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET)
                .withLimitsEnforced(limitsEnforced);
        a = new EngineFixture(store, config);
        b = new EngineFixture(store, config);
        a.call("CreateStream", create("s", 1));
        arn = DeregisterStreamConsumerTest.registerApp(a);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void aCallThroughTheOtherGatewayWithinOneSecondIsLimitExceededEvenWhereTheTakeoverRuleAlsoRefusesIt() {
        gateways(true);
        subscribe(a);
        assertThat(b.message("SubscribeToShard", request(), KinesisError.LIMIT_EXCEEDED)).isEqualTo(RATE_EXCEEDED);
        b.clock.advanceMs(999);
        assertThat(b.message("SubscribeToShard", request(), KinesisError.LIMIT_EXCEEDED)).isEqualTo(RATE_EXCEEDED);
        b.clock.advanceMs(1);
        assertThat(b.message("SubscribeToShard", request(), KinesisError.RESOURCE_IN_USE))
                .as("past the second only the takeover rule refuses it").isEqualTo(IN_USE);
    }

    @Test
    void aCancelAndAResubscribeThroughTheOtherGatewayWithinOneSecondIsRefusedAndAdmittedOneSecondAfterTheCall() {
        gateways(true);
        subscribe(a).subscription.cancel();
        assertThat(metadata.liveEntries(CLAIMS)).as("released, keeping the call's time").isEqualTo(1);
        b.clock.advanceMs(999);
        assertThat(b.message("SubscribeToShard", request(), KinesisError.LIMIT_EXCEEDED)).isEqualTo(RATE_EXCEEDED);
        b.clock.advanceMs(1);
        CollectingSubscriber onB = subscribe(b);
        assertThat(onB.error).isNull();
        assertThat(onB.events).hasSize(1);
    }

    @Test
    void aCallRefusedAsInUseStillCountsAgainstTheRateOnEveryGateway() {
        gateways(true);
        CollectingSubscriber onA = subscribe(a);
        b.clock.advanceMs(1_500);
        assertThat(b.message("SubscribeToShard", request(), KinesisError.RESOURCE_IN_USE)).isEqualTo(IN_USE);
        a.clock.advanceMs(2_499);
        assertThat(a.message("SubscribeToShard", request(), KinesisError.LIMIT_EXCEEDED)).isEqualTo(RATE_EXCEEDED);
        a.clock.advanceMs(1);
        assertThat(a.message("SubscribeToShard", request(), KinesisError.RESOURCE_IN_USE)).isEqualTo(IN_USE);
        assertThat(onA.error).as("refused calls leave the holder alone").isNull();
    }

    @Test
    void aReleasedClaimIsRemovedOnceItsCallIsASecondOldAndAReleaseAfterThatRemovesAtOnce() {
        gateways(true);
        subscribe(a).subscription.cancel();
        a.clock.advanceMs(999);
        a.engine().runMaintenance();
        assertThat(metadata.liveEntries(CLAIMS)).isEqualTo(1);
        a.clock.advanceMs(1);
        a.engine().runMaintenance();
        assertThat(metadata.liveEntries(CLAIMS)).isZero();

        a.clock.advanceMs(1_000);
        CollectingSubscriber again = subscribe(a);
        a.clock.advanceMs(1_000);
        again.subscription.cancel();
        assertThat(metadata.liveEntries(CLAIMS)).as("nothing left to limit: removed as without limits").isZero();
    }

    @Test
    void deregisteringTheConsumerRemovesAReleasedClaimToo() {
        gateways(true);
        subscribe(a).subscription.cancel();
        b.call("DeregisterStreamConsumer", new DeregisterStreamConsumerRequest(null, null, arn, null));
        assertThat(metadata.liveEntries(CLAIMS)).isZero();
    }

    @Test
    void twoGatewaysCallingAtTheSameMomentAdmitOneCall() throws Exception {
        gateways(true);
        Lockstep lockstep = new Lockstep(metadata);
        List<String> outcomes = lockstep.run(List.of(
                out -> out.record(() -> a.call("SubscribeToShard", request())),
                out -> out.record(() -> b.call("SubscribeToShard", request()))));
        assertThat(outcomes).containsExactlyInAnyOrder("ok", RATE_EXCEEDED);
    }

    @Test
    void withoutLimitsACallThroughTheOtherGatewayIsOnlySubjectToTheTakeoverRule() {
        gateways(false);
        CollectingSubscriber onA = subscribe(a);
        assertThat(b.message("SubscribeToShard", request(), KinesisError.RESOURCE_IN_USE)).isEqualTo(IN_USE);
        onA.subscription.cancel();
        assertThat(metadata.liveEntries(CLAIMS)).as("removed at once").isZero();
        CollectingSubscriber onB = subscribe(b);
        assertThat(onB.error).isNull();
        assertThat(onB.events).hasSize(1);
    }

    private CollectingSubscriber subscribe(EngineFixture gateway) {
        CollectingSubscriber subscriber = CollectingSubscriber.to(gateway.call("SubscribeToShard", request()));
        subscriber.request(10);
        return subscriber;
    }

    private SubscribeToShardRequest request() {
        return Requests.subscribe(arn, SHARD, ShardIteratorType.LATEST, null);
    }
}
