package io.millrace.firehose.buffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlushPolicyTest {
    private final FlushPolicy policy = FlushPolicy.ofHints(1, 60);

    @Test
    void hintsAreMebibytesAndSeconds() {
        assertThat(policy.sizeBytes()).isEqualTo(1_048_576L);
        assertThat(policy.intervalMs()).isEqualTo(60_000L);
    }

    @Test
    void nothingPendingNeverFlushes() {
        assertThat(policy.shouldFlush(0, 0, 0, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void flushesWhenTheOldestRecordHasWaitedTheInterval() {
        assertThat(policy.shouldFlush(10, 1, 1_000, 60_999)).isFalse();
        assertThat(policy.shouldFlush(10, 1, 1_000, 61_000)).isTrue();
    }

    @Test
    void flushesWhenPendingBytesReachTheSizeHintWhateverTheirAge() {
        assertThat(policy.shouldFlush(1_048_575, 3, 1_000, 1_000)).isFalse();
        assertThat(policy.shouldFlush(1_048_576, 3, 1_000, 1_000)).isTrue();
    }

    @Test
    void emptyRecordsStillFlushOnTheInterval() {
        assertThat(policy.shouldFlush(0, 2, 0, 60_000)).isTrue();
    }

    @Test
    void zeroIntervalFlushesAtOnce() {
        assertThat(FlushPolicy.ofHints(5, 0).shouldFlush(1, 1, 5, 5)).isTrue();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new FlushPolicy(0, 1)).hasMessage("sizeBytes: 0 (expected: > 0)");
        assertThatThrownBy(() -> new FlushPolicy(1, -1)).hasMessage("intervalMs: -1 (expected: >= 0)");
    }
}
