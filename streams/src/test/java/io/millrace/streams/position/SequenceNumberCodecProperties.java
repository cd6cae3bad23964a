package io.millrace.streams.position;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumberCodecProperties {

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
    void encodingEqualsTheDecimalOfTheDocumentedHexLayout(
            @ForAll @LongRange(min = 0, max = 0xF_FFFF_FFFFL) long createdS, @ForAll @IntRange(min = 0) int shard,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long index,
            @ForAll @LongRange(min = 0, max = 0xF_FFFF_FFFFL) long arrivalS) {
        String hex = "2" + "%09x".formatted(createdS) + Integer.toHexString(shard & 0xF) + "%016x".formatted(index)
                + "00" + "%09x".formatted(arrivalS) + "%08x".formatted(shard) + "2";

        String decimal = SequenceNumberCodec.encode(new SequenceNumber(createdS, shard, index, arrivalS));

        assertThat(decimal).isEqualTo(new BigInteger(hex, 16).toString());
    }

    @Test
    void extremeFieldsEncodeAsTheirHexLayoutSays() {
        assertThat(SequenceNumberCodec.encode(new SequenceNumber(0, 0, 0, 0)))
                .isEqualTo(new BigInteger("2" + "0".repeat(45) + "2", 16).toString());
        assertThat(SequenceNumberCodec.encode(new SequenceNumber(0xF_FFFF_FFFFL, Integer.MAX_VALUE, Long.MAX_VALUE,
                0xF_FFFF_FFFFL))).isEqualTo(new BigInteger("2" + "f".repeat(9) + "f" + "7" + "f".repeat(15) + "00"
                + "f".repeat(9) + "7fffffff" + "2", 16).toString());
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

    @Property
    void theEncoderGivesTheCodecsNumbersForAnyRunOfRecords(@ForAll @IntRange(min = 0, max = 3) int shard,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 100) long firstPosition,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 2) Integer> positionSteps,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 1500) Integer> arrivalStepsMs) {
        long createdMs = 1_700_000_000_123L;
        SequenceNumberEncoder encoder = new SequenceNumberEncoder();
        long position = firstPosition;
        long arrivalMs = createdMs;
        for (int i = 0; i < positionSteps.size(); i++) {
            position += positionSteps.get(i);
            arrivalMs += i < arrivalStepsMs.size() ? arrivalStepsMs.get(i) : 0;
            int shardIndex = i % 7 == 6 ? shard + 1 : shard;
            assertThat(encoder.forRecord(createdMs, shardIndex, position, arrivalMs))
                    .isEqualTo(SequenceNumberCodec.forRecord(createdMs, shardIndex, position, arrivalMs));
        }
    }
}
