package io.millrace.streams.position;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ShardIteratorCodecProperties {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final ShardIteratorCodec codec = new ShardIteratorCodec(SECRET);

    @Provide
    Arbitrary<ShardIterator> iterators() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ019_.-").ofMinLength(1).ofMaxLength(128);
        Arbitrary<String> accounts = Arbitraries.strings().numeric().ofLength(12);
        Arbitrary<String> regions = Arbitraries.of("us-east-1", "eu-west-1", "ap-southeast-2");
        return Combinators.combine(accounts, regions, names, Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.longs().greaterOrEqual(0)).as(ShardIterator::new);
    }

    @Property
    void iteratorsRoundTripWithin512Characters(@ForAll("iterators") ShardIterator iterator) {
        String token = codec.encode(iterator);
        assertThat(token.length()).isBetween(1, 512);
        assertThat(codec.decode(token)).contains(iterator);
    }

    @Property
    void anyChangedByteIsRejected(@ForAll("iterators") ShardIterator iterator, @ForAll @IntRange(min = 0) int at,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] bytes = Base64.getDecoder().decode(codec.encode(iterator));
        bytes[at % bytes.length] ^= (byte) flip;
        assertThat(codec.decode(Base64.getEncoder().encodeToString(bytes))).isEmpty();
    }

    @Property
    void iteratorsOfAnotherSecretAreRejected(@ForAll("iterators") ShardIterator iterator) {
        ShardIteratorCodec other = new ShardIteratorCodec("another secret, also 32 bytes!!!".getBytes());
        assertThat(codec.decode(other.encode(iterator))).isEmpty();
    }

    @Property
    void garbageIsRejected(@ForAll String garbage) {
        assertThat(codec.decode(garbage)).isEmpty();
    }
}
