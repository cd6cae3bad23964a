package io.millrace.bench;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.ByteBuffer;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadProperties {

    @Property
    void aPayloadIsItsIdentityThenTheDerivedBytes(@ForAll @IntRange(min = 0, max = 7) int writer,
                                                  @ForAll @IntRange(min = 0) int counter,
                                                  @ForAll @IntRange(min = 0, max = 5000) int size) {
        byte[] payload = LoadGenerator.Payload.of(writer, counter, size);

        assertThat(payload).hasSize(Math.max(size, 8));
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        assertThat(buffer.getInt()).isEqualTo(writer);
        assertThat(buffer.getInt()).isEqualTo(counter);
        for (int i = 8; i < payload.length; i++) {
            assertThat(payload[i]).isEqualTo((byte) (writer * 31 + counter * 17 + i));
        }
    }

    @Property
    void anAcknowledgedPayloadVerifiesOnceAndAnyChangedByteFailsIt(
            @ForAll @IntRange(min = 0, max = 7) int writer, @ForAll @IntRange(min = 0, max = 100_000) int counter,
            @ForAll @IntRange(min = 9, max = 3000) int size, @ForAll @IntRange(min = 0, max = 2999) int flipAt) {
        byte[] payload = LoadGenerator.Payload.of(writer, counter, size);
        BitSet[] acked = bitSets(8);
        acked[writer].set(counter);

        assertThat(LoadGenerator.Payload.verify(ByteBuffer.wrap(payload), acked, bitSets(8))).isEqualTo(1);
        BitSet[] seen = bitSets(8);
        LoadGenerator.Payload.verify(ByteBuffer.wrap(payload), acked, seen);
        assertThat(LoadGenerator.Payload.verify(ByteBuffer.wrap(payload), acked, seen)).as("seen twice").isZero();
        assertThat(LoadGenerator.Payload.verify(ByteBuffer.wrap(payload), bitSets(8), bitSets(8)))
                .as("not acknowledged").isZero();

        int at = 8 + flipAt % (size - 8);
        payload[at] ^= 1;
        assertThat(LoadGenerator.Payload.verify(ByteBuffer.wrap(payload), acked, bitSets(8))).isZero();
    }

    @Property
    void aPayloadVerifiesInsideALargerBuffer(@ForAll @IntRange(min = 0, max = 100) int before,
                                             @ForAll @IntRange(min = 8, max = 2000) int size) {
        byte[] payload = LoadGenerator.Payload.of(3, 42, size);
        ByteBuffer framed = ByteBuffer.allocate(before + size + 5);
        framed.position(before);
        framed.put(payload);
        framed.position(before).limit(before + size);
        BitSet[] acked = bitSets(8);
        acked[3].set(42);

        assertThat(LoadGenerator.Payload.verify(framed, acked, bitSets(8))).isEqualTo(1);
    }

    private static BitSet[] bitSets(int count) {
        BitSet[] sets = new BitSet[count];
        for (int i = 0; i < count; i++) {
            sets[i] = new BitSet();
        }
        return sets;
    }
}
