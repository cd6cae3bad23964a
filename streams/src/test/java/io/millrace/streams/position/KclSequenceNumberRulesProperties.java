package io.millrace.streams.position;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules the Kinesis Client Library applies before it checkpoints a sequence number (its version-2 reader): the
 * number is exactly 186 bits long, the 4 bits at offset 184 hold the version 2, and the 32 bits at offset 4 hold the
 * shard index. A number breaking them makes KCL refuse to checkpoint.
 */
class KclSequenceNumberRulesProperties {
    private static final long YEAR_2000_MS = 946_684_800_000L;
    private static final long YEAR_2100_MS = 4_102_444_800_000L;

    @Property
    void recordSequenceNumbersFollowTheKclLayout(
            @ForAll @LongRange(min = YEAR_2000_MS, max = YEAR_2100_MS) long creationMs,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int shardIndex,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long position,
            @ForAll @LongRange(min = 0, max = 10L * 365 * 24 * 3600 * 1000) long ageMs) {
        BigInteger number = new BigInteger(SequenceNumberCodec.forRecord(creationMs, shardIndex, position,
                creationMs + ageMs));
        assertKclAccepts(number, shardIndex);
    }

    @Property
    void startingSequenceNumbersFollowTheKclLayout(
            @ForAll @LongRange(min = YEAR_2000_MS, max = YEAR_2100_MS) long creationMs,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int shardIndex) {
        assertKclAccepts(new BigInteger(SequenceNumberCodec.startOf(creationMs, shardIndex)), shardIndex);
    }

    private static void assertKclAccepts(BigInteger number, int shardIndex) {
        assertThat(number.bitLength()).isEqualTo(186);
        assertThat(number.shiftRight(184).longValue() & 0xF).isEqualTo(2);
        assertThat(number.shiftRight(4).longValue() & 0xFFFF_FFFFL).isEqualTo(shardIndex);
    }
}
