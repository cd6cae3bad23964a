package io.millrace.streams.channel;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.streams.SharedMemoryMetadata;
import io.millrace.streams.ManualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateways' delivery leases on one shared store, with one manual clock (both clocks run at the same rate). */
class DeliveryLeaseTest {
    private static final DeliveryLease.Timing TIMING = new DeliveryLease.Timing(10_000, 4_000, 1_000);
    private final ManualClock clock = new ManualClock(1_000_000);
    private final SharedMemoryMetadata store = new SharedMemoryMetadata();
    private final DeliveryLease a = new DeliveryLease(store, clock, TIMING);
    private final DeliveryLease b = new DeliveryLease(store, clock, TIMING);

    @Test
    void theFirstGatewayToRenewHoldsTheLeaseAndTheOtherDoesNot() {
        assertThat(a.holds(clock.millis())).as("nobody holds it before a renewal").isFalse();
        assertThat(a.renew()).isTrue();
        assertThat(b.renew()).isFalse();
        assertThat(a.holds(clock.millis())).isTrue();
        assertThat(b.holds(clock.millis())).isFalse();
        assertThat(b.holderId()).isEqualTo(a.gatewayId());
    }

    @Test
    void aHolderThatKeepsRenewingKeepsTheLease() {
        a.renew();
        for (int i = 0; i < 30; i++) {
            clock.advanceMs(TIMING.renewMs());
            assertThat(a.renew()).isTrue();
            assertThat(b.renew()).as("second %d", i).isFalse();
        }
        assertThat(a.holds(clock.millis())).isTrue();
    }

    @Test
    void aHolderThatStopsRenewingStopsDeliveringBeforeTheOtherTakesOver() {
        a.renew();
        b.renew();
        long renewedAtMs = clock.millis();

        clock.setMs(renewedAtMs + TIMING.leaseMs() - TIMING.marginMs() - 1);
        assertThat(a.holds(clock.millis())).isTrue();
        clock.advanceMs(1);
        assertThat(a.holds(clock.millis())).as("the holder gives up first").isFalse();
        clock.setMs(renewedAtMs + TIMING.leaseMs() - 1);
        assertThat(b.renew()).as("not yet expired for the other").isFalse();

        clock.advanceMs(1);
        assertThat(b.renew()).isTrue();
        assertThat(b.holds(clock.millis())).isTrue();
        assertThat(a.renew()).as("the old holder sees it taken and does not take it back").isFalse();
        assertThat(a.holds(clock.millis())).isFalse();
    }

    @Test
    void theTenureChangesWhenTheLeaseIsTakenAnewNotWhenItIsRenewed() {
        a.renew();
        long first = a.tenure();
        clock.advanceMs(TIMING.renewMs());
        a.renew();
        assertThat(a.tenure()).isEqualTo(first);
        a.release();
        b.renew();
        b.release();
        a.renew();
        assertThat(a.tenure()).isNotEqualTo(first);
    }

    @Test
    void aReleasedLeaseIsTakenAtTheOthersNextRenewal() {
        a.renew();
        a.release();
        assertThat(a.holds(clock.millis())).isFalse();
        assertThat(b.renew()).isTrue();
        assertThat(a.renew()).isFalse();
    }

    @Test
    void twoGatewaysRenewingAtOnceGetOneHolder() {
        // Both read the free entry; the store decides in call order, the loser recomputes on the winner's entry.
        boolean first = a.renew();
        boolean second = b.renew();
        assertThat(first ^ second).isTrue();
        int changes = store.acceptedChanges();
        b.renew();
        assertThat(store.acceptedChanges()).as("a refused take-over writes nothing").isEqualTo(changes);
    }

    @Test
    void aGatewayThatStartsLaterWaitsAFullLeaseBeforeTakingOverASilentHolder() {
        a.renew();
        clock.advanceMs(60_000); // the holder died long ago, but a gateway starting now cannot know how long
        DeliveryLease late = new DeliveryLease(store, clock, TIMING);
        assertThat(late.renew()).isFalse();
        clock.advanceMs(TIMING.leaseMs());
        assertThat(late.renew()).isTrue();
    }

    @Test
    void aStoreOfItsOwnAlwaysHoldsTheLeaseAndWritesNothing() {
        InMemoryLogStore local = new InMemoryLogStore();
        DeliveryLease alone = new DeliveryLease(local.metadata(), clock, TIMING);
        assertThat(alone.holds(clock.millis())).isTrue();
        assertThat(alone.renew()).isTrue();
        alone.release();
        assertThat(alone.holds(clock.millis())).isTrue();
        assertThat(local.metadata().loadAll()).isEmpty();
    }
}
