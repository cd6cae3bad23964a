package io.millrace.streams.shard;

import io.millrace.protocol.error.KinesisError;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A point of the 128-bit hash-key space, {@code 0 .. 2^128-1}. Immutable. */
public record HashKey(BigInteger value) implements Comparable<HashKey> {
    public static final BigInteger SPACE_SIZE = BigInteger.ONE.shiftLeft(128);
    public static final HashKey MIN = new HashKey(BigInteger.ZERO);
    public static final HashKey MAX = new HashKey(SPACE_SIZE.subtract(BigInteger.ONE));

    /** One digest per thread: looking MD5 up in the providers for every record routed cost more than hashing. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides MD5", e);
        }
    });

    public HashKey {
        if (value.signum() < 0 || value.compareTo(SPACE_SIZE) >= 0) {
            throw new IllegalArgumentException("value: " + value + " (expected: in [0, 2^128-1])");
        }
    }

    /** The key Kinesis derives from a partition key: MD5 of its UTF-8 bytes as an unsigned big-endian integer. */
    public static HashKey ofPartitionKey(String partitionKey) {
        return new HashKey(new BigInteger(1, digestOf(partitionKey)));
    }

    /** The 16 bytes of {@link #ofPartitionKey}'s key, most significant first. */
    static byte[] digestOf(String partitionKey) {
        return MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
    }


    /**
     * Parses a request's {@code ExplicitHashKey} (already matching {@code 0|([1-9]\d{0,38})}).
     *
     * @throws io.millrace.protocol.error.ApiException InvalidArgument when the value is outside the space
     */
    public static HashKey parseExplicit(String text) {
        BigInteger value;
        try {
            value = new BigInteger(text);
        } catch (NumberFormatException e) {
            value = SPACE_SIZE; // not decimal: report it with the same message as an out-of-range value
        }
        if (value.signum() < 0 || value.compareTo(SPACE_SIZE) >= 0) {
            throw KinesisError.INVALID_ARGUMENT.exception(
                    "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
                    + "Specified value was %s",
                    text);
        }
        return new HashKey(value);
    }

    public static HashKey parse(String decimal) {
        return new HashKey(new BigInteger(decimal));
    }

    @Override
    public int compareTo(HashKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
