package io.millrace.streams.limit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    @Test
    void aFullBucketAdmitsItsCapacityAndThenNothingUntilItRefills() {
        TokenBucket bucket = TokenBucket.full(5, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.admits(1)).isTrue();
            bucket = bucket.take(1);
        }
        assertThat(bucket.admits(1)).isFalse();
        assertThat(bucket.refill(199).admits(1)).isFalse();
        assertThat(bucket.refill(200).admits(1)).isTrue();
    }

    @Test
    void refillingNeverExceedsTheCapacity() {
        assertThat(TokenBucket.full(10, 10, 0).take(10).refill(60_000).tokens()).isEqualTo(10);
    }

    @Test
    void aTakeBeyondTheCapacityIsAdmittedWhenFullAndRepaidFromLaterRefills() {
        TokenBucket bucket = TokenBucket.full(1_000, 1_000, 0);
        assertThat(bucket.admits(3_000)).isTrue();
        bucket = bucket.take(3_000);
        assertThat(bucket.hasTokens()).isFalse();
        assertThat(bucket.refill(2_000).hasTokens()).isFalse();
        assertThat(bucket.refill(2_001).hasTokens()).isTrue();
    }

    @Test
    void aClockSteppingBackAddsNothing() {
        TokenBucket bucket = TokenBucket.full(1, 1, 1_000).take(1);
        assertThat(bucket.refill(0).tokens()).isZero();
    }
}
