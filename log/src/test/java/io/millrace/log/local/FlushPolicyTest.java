package io.millrace.log.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlushPolicyTest {

    @Test
    void immediatePolicyFlushesAsSoonAsAnythingIsPending() {
        FlushPolicy policy = FlushPolicy.immediate();
        assertThat(policy.shouldFlush(1, 100, 100)).isTrue();
        assertThat(policy.shouldFlush(0, 100, 500)).isFalse();
    }

    @Test
    void intervalPolicyWaitsForTheOldestPendingAppendToAge() {
        FlushPolicy policy = FlushPolicy.every(100);
        long oldestNs = 1_000_000_000L;
        assertThat(policy.shouldFlush(1 << 30, oldestNs, oldestNs + 99_999_999L)).isFalse();
        assertThat(policy.shouldFlush(1, oldestNs, oldestNs + 100_000_000L)).isTrue();
        assertThat(policy.nanosUntilDue(oldestNs, oldestNs + 40_000_000L)).isEqualTo(60_000_000L);
        assertThat(policy.nanosUntilDue(oldestNs, oldestNs + 400_000_000L)).isZero();
    }

    @Test
    void aByteThresholdFlushesBeforeTheDelay() {
        FlushPolicy policy = new FlushPolicy(4096, 1_000_000_000L);
        assertThat(policy.shouldFlush(4095, 0, 10)).isFalse();
        assertThat(policy.shouldFlush(4096, 0, 10)).isTrue();
    }

    @Test
    void nonsensicalLimitsAreRejected() {
        assertThatThrownBy(() -> new FlushPolicy(0, 1)).hasMessageContaining("maxPendingBytes: 0");
        assertThatThrownBy(() -> new FlushPolicy(1, -1)).hasMessageContaining("maxDelayNs: -1");
    }
}
