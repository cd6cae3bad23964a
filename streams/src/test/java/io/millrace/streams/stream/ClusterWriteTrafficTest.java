package io.millrace.streams.stream;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.streams.SharedMemoryMetadata;
import io.millrace.streams.ManualClock;
import io.millrace.streams.limit.ShardWriteRate.Totals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Gateways' write-traffic reports on one shared store, with one manual clock. */
class ClusterWriteTrafficTest {
    private static final String SHARD = ClusterWriteTraffic.shardKey("s-1", 0);
    private final ManualClock clock = new ManualClock(1_000_000);
    private final SharedMemoryMetadata store = new SharedMemoryMetadata();
    private final ClusterWriteTraffic a = new ClusterWriteTraffic(store, clock, 2_000, 6_000);
    private final ClusterWriteTraffic b = new ClusterWriteTraffic(store, clock, 2_000, 6_000);
    private final ClusterWriteTraffic c = new ClusterWriteTraffic(store, clock, 2_000, 6_000);

    @Test
    void eachGatewaySeesTheSumOfTheOthersReportsButNotItsOwn() {
        a.publish(clock.millis(), Map.of(SHARD, new Totals(100, 1_000)));
        b.publish(clock.millis(), Map.of(SHARD, new Totals(20, 200), ClusterWriteTraffic.shardKey("s-1", 1),
                new Totals(5, 5)));
        assertThat(c.others(SHARD, clock.millis())).isEqualTo(new Totals(120, 1_200));
        assertThat(a.others(SHARD, clock.millis())).isEqualTo(new Totals(20, 200));
        assertThat(a.others(ClusterWriteTraffic.shardKey("s-2", 0), clock.millis())).isEqualTo(new Totals(0, 0));
    }

    @Test
    void aReportStopsCountingOnceItIsStale() {
        a.publish(clock.millis(), Map.of(SHARD, new Totals(100, 1_000)));
        clock.advanceMs(5_999);
        assertThat(b.others(SHARD, clock.millis()).records()).isEqualTo(100);
        clock.advanceMs(1);
        assertThat(b.others(SHARD, clock.millis()).records()).as("the reporter died 6 s ago").isZero();
    }

    @Test
    void reportsFoundAtStartUpDoNotCountUntilTheirGatewayReportsAgain() {
        a.publish(clock.millis(), Map.of(SHARD, new Totals(100, 1_000)));
        ClusterWriteTraffic late = new ClusterWriteTraffic(store, clock, 2_000, 6_000);
        assertThat(late.others(SHARD, clock.millis()).records()).as("of unknown age").isZero();
        clock.advanceMs(2_000);
        a.publish(clock.millis(), Map.of(SHARD, new Totals(150, 1_500)));
        assertThat(late.others(SHARD, clock.millis()).records()).isEqualTo(150);
    }

    @Test
    void aGatewayPublishesAtMostEveryIntervalAndOnceMoreWhenItsTrafficStops() {
        a.publish(clock.millis(), Map.of(SHARD, new Totals(100, 1_000)));
        int written = store.acceptedChanges();
        clock.advanceMs(1_999);
        a.publish(clock.millis(), Map.of(SHARD, new Totals(200, 2_000)));
        assertThat(store.acceptedChanges()).as("not yet due").isEqualTo(written);
        assertThat(b.others(SHARD, clock.millis()).records()).isEqualTo(100);

        clock.advanceMs(1);
        a.publish(clock.millis(), Map.of());
        assertThat(store.acceptedChanges()).isEqualTo(written + 1);
        assertThat(b.others(SHARD, clock.millis()).records()).as("traffic stopped").isZero();
        clock.advanceMs(2_000);
        a.publish(clock.millis(), Map.of());
        assertThat(store.acceptedChanges()).as("nothing new to say").isEqualTo(written + 1);
    }

    @Test
    void aStoreOfItsOwnPublishesNothingAndHasNoOthers() {
        InMemoryLogStore local = new InMemoryLogStore();
        ClusterWriteTraffic alone = new ClusterWriteTraffic(local.metadata(), clock, 2_000, 6_000);
        alone.publish(clock.millis(), Map.of(SHARD, new Totals(100, 1_000)));
        assertThat(local.metadata().loadAll()).isEmpty();
        assertThat(alone.others(SHARD, clock.millis())).isEqualTo(new Totals(0, 0));
    }
}
