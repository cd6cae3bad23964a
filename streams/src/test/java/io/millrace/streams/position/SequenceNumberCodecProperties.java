package io.millrace.streams.position;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumberCodecProperties {

    @Property
    void theDecimalFormOfAHexNumberIsBigIntegers(@ForAll @IntRange(min = 1, max = 48) int digits,
            @ForAll("bits") long[] words) {
        StringBuilder hex = new StringBuilder();
        for (long word : words) {
            hex.append(String.format("%016x", word));
        }
        String text = hex.substring(0, digits);
        assertThat(SequenceNumberCodec.decimalOfHex(text.toCharArray()))
                .isEqualTo(new BigInteger(text, 16).toString());
    }

    @Provide
    Arbitrary<long[]> bits() {
        // Three 64-bit words, biased towards all-zero and all-one words to reach the limb edges.
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, 1L, Long.MIN_VALUE))
                .array(long[].class).ofSize(3);
    }

    @Test
    void zeroAndTheLargest48DigitNumberConvert() {
        assertThat(SequenceNumberCodec.decimalOfHex("000".toCharArray())).isEqualTo("0");
        String max = "f".repeat(48);
        assertThat(SequenceNumberCodec.decimalOfHex(max.toCharArray())).isEqualTo(new BigInteger(max, 16).toString());
    }

    @Property
    void encodedNumbersRoundTripAndAreAlways56Digits(@ForAll @LongRange(min = 0, max = 0xF_FFFF_FFFFL) long createdS,
            @ForAll @IntRange(min = 0) int shard, @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long index,
            @ForAll @LongRange(min = 0, max = 0xF_FFFF_FFFFL) long arrivalS) {
        SequenceNumber number = new SequenceNumber(createdS, shard, index, arrivalS);
        String decimal = SequenceNumberCodec.encode(number);
        assertThat(decimal).hasSize(56).matches("[1-9][0-9]*");
        assertThat(SequenceNumberCodec.decode(decimal)).contains(number);
    }

    @Property
    void numbersGrowWithPositionEvenWhenTheClockGoesBack(@ForAll @IntRange(min = 0) int shard,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 2) long position,
            @ForAll @LongRange(min = 1_000_000_000_000L, max = 2_000_000_000_000L) long arrivalMs,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long clockStepBackMs) {
        long createdMs = 1_000_000_000_000L;
        BigInteger earlier = new BigInteger(SequenceNumberCodec.forRecord(createdMs, shard, position, arrivalMs));
        BigInteger later = new BigInteger(SequenceNumberCodec.forRecord(createdMs, shard, position + 1,
                arrivalMs - clockStepBackMs));
        assertThat(later).isGreaterThan(earlier);
        assertThat(new BigInteger(SequenceNumberCodec.startOf(createdMs, shard))).isLessThan(earlier);
    }

    @Property
    void positionsSurviveTheRoundTrip(@ForAll @IntRange(min = 0) int shard,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long position) {
        SequenceNumber decoded = SequenceNumberCodec.decode(
                SequenceNumberCodec.forRecord(1_421_279_230_000L, shard, position, 1_421_279_386_000L)).orElseThrow();
        assertThat(decoded.atPosition()).isEqualTo(position);
        assertThat(decoded.afterPosition()).isEqualTo(position + 1);
    }

    @Test
    void decodesTheRealAwsExampleFromTheReference() {
        SequenceNumber number = SequenceNumberCodec.decode("49546986683135544286507457936321625675700192471156785154")
                .orElseThrow();
        assertThat(number).isEqualTo(new SequenceNumber(1_421_279_230L, 0, 0x1d5, 1_421_279_386L));
    }

    @Test
    void neighbouringShardsStartNumbersDifferByTheRecordedAmount() {
        long createdMs = 1_421_279_230_000L;
        BigInteger first = new BigInteger(SequenceNumberCodec.startOf(createdMs, 0));
        BigInteger second = new BigInteger(SequenceNumberCodec.startOf(createdMs, 1));
        assertThat(second.subtract(first)).isEqualTo(new BigInteger("22300745198530623141535718272648361505980432"));
    }

    @Test
    void rejectsNumbersOfOtherFormats() {
        assertThat(SequenceNumberCodec.decode("0")).isEmpty();
        assertThat(SequenceNumberCodec.decode("12345678901234567890")).isEmpty();
        assertThat(SequenceNumberCodec.decode("9".repeat(56))).isEmpty();
        assertThat(SequenceNumberCodec.decode("abc")).isEmpty();
    }
}
