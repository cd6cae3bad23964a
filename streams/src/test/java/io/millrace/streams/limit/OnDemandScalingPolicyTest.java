package io.millrace.streams.limit;

import io.millrace.streams.ManualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnDemandScalingPolicyTest {
    private final OnDemandScalingPolicy policy = OnDemandScalingPolicy.DEFAULT;
    private final ManualClock clock = new ManualClock(1_000_000);
    private final ShardWriteRate throughput = new ShardWriteRate();

    /** Writes {@code recordsPerSecond} records of {@code bytesEach} bytes each second for {@code seconds}. */
    private void write(int seconds, int recordsPerSecond, int bytesEach) {
        for (int i = 0; i < seconds; i++) {
            throughput.onAppended(clock.millis(), recordsPerSecond, (long) recordsPerSecond * bytesEach);
            clock.advanceMs(1_000);
        }
        clock.advanceMs(-1);
    }

    private boolean shouldSplit(long shardAgeMs) {
        return policy.shouldSplit(throughput.totals(clock.millis(), policy.windowMs()), shardAgeMs);
    }

    @Test
    void splitsAShardWrittenAbove80PercentOfItsRecordRateForTheWholeWindow() {
        write(5, 850, 10);
        assertThat(shouldSplit(60_000)).isTrue();
    }

    @Test
    void splitsAShardWrittenAbove80PercentOfItsByteRate() {
        write(5, 10, 90_000);
        assertThat(shouldSplit(60_000)).isTrue();
    }

    @Test
    void keepsAShardWrittenBelowTheThreshold() {
        write(5, 750, 100);
        assertThat(shouldSplit(60_000)).isFalse();
    }

    @Test
    void aShortBurstIsNotSustainedLoad() {
        write(1, 1_000, 100);
        clock.advanceMs(10_000);
        write(1, 1_000, 100);
        assertThat(shouldSplit(60_000)).isFalse();
    }

    @Test
    void writesOlderThanTheWindowNoLongerCount() {
        write(5, 900, 10);
        clock.advanceMs(5_001);
        assertThat(shouldSplit(60_000)).isFalse();
    }

    @Test
    void aShardYoungerThanTheWindowIsNeverSplit() {
        write(5, 2_000, 10);
        assertThat(shouldSplit(4_999)).isFalse();
        assertThat(shouldSplit(5_000)).isTrue();
    }

    @Test
    void refusesWindowsItCannotMeasure() {
        assertThatThrownBy(() -> new OnDemandScalingPolicy(61_000, 0.8, 1, 1))
                .hasMessage("windowMs: 61000 (expected: in [1000, 60000])");
    }
}
