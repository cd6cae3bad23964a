package io.millrace.streams.position;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Encodes and decodes Kinesis "version 2" sequence numbers. Stateless and thread-safe.
 *
 * <p>Layout of the 47 hex digits (the decimal form is always 56 digits long):
 * <pre>
 *  digit  0      : 2 (leading marker)
 *  digits 1..9   : shard creation time, epoch seconds
 *  digit  10     : lowest hex digit of the shard index
 *  digits 11..26 : sequence index (log position + 1; 0 for a shard's starting number)
 *  digits 27..28 : 00
 *  digits 29..37 : record arrival time, epoch seconds
 *  digits 38..45 : shard index, 32 bits
 *  digit  46     : format version, 2
 * </pre>
 * Because the position sits above the arrival time, numbers of one shard grow with position whatever the clock did.
 */
public final class SequenceNumberCodec {
    private static final int HEX_DIGITS = 47;
    private static final long MAX_SECONDS = 0xF_FFFF_FFFFL;
    private static final long BILLION = 1_000_000_000L;

    private SequenceNumberCodec() {
    }

    /** The number of the record stored at {@code position} of shard {@code shardIndex}. */
    public static String forRecord(long shardCreationMs, int shardIndex, long position, long arrivalMs) {
        return encode(new SequenceNumber(shardCreationMs / 1000, shardIndex, position + 1, arrivalMs / 1000));
    }

    /** A shard's {@code StartingSequenceNumber}: index 0 at the shard's creation time. */
    public static String startOf(long shardCreationMs, int shardIndex) {
        long seconds = shardCreationMs / 1000;
        return encode(new SequenceNumber(seconds, shardIndex, 0, seconds));
    }

    /**
     * A closed shard's {@code EndingSequenceNumber}: the largest sequence index at the close time, so it sorts at or
     * above every record the shard holds, however many it took.
     */
    public static String endOf(long shardCreationMs, int shardIndex, long closedAtMs) {
        return encode(new SequenceNumber(shardCreationMs / 1000, shardIndex, Long.MAX_VALUE, closedAtMs / 1000));
    }

    public static String encode(SequenceNumber number) {
        if (number.sequenceIndex() < 0 || number.shardIndex() < 0) {
            throw new IllegalArgumentException("number: " + number + " (expected: non-negative index fields)");
        }
        char[] hex = new char[HEX_DIGITS];
        hex[0] = '2';
        putHex(hex, 1, number.shardCreationSeconds() & MAX_SECONDS, 9);
        putHex(hex, 10, number.shardIndex() & 0xF, 1);
        putHex(hex, 11, number.sequenceIndex(), 16);
        putHex(hex, 27, 0, 2);
        putHex(hex, 29, number.arrivalSeconds() & MAX_SECONDS, 9);
        putHex(hex, 38, number.shardIndex() & 0xFFFF_FFFFL, 8);
        hex[46] = '2';
        return decimalOfHex(hex);
    }

    /**
     * The decimal form of an unsigned hexadecimal number of at most 48 digits. Every record a consumer receives
     * needs one, so this avoids BigInteger (parse, then repeated big division, allocating throughout), which was
     * the largest share of a SubscribeToShard stream's CPU: six 32-bit limbs are divided by 10^9 in place, nine
     * decimal digits per pass, each step fitting a long.
     */
    static String decimalOfHex(char[] hex) {
        if (hex.length == 0 || hex.length > 48) {
            throw new IllegalArgumentException("hex digits: " + hex.length + " (expected: 1..48)");
        }
        long[] limbs = new long[6];
        for (int i = 0; i < hex.length; i++) {
            int digit = Character.digit(hex[i], 16);
            if (digit < 0) {
                throw new IllegalArgumentException("not a hex digit: " + hex[i]);
            }
            int fromRight = hex.length - 1 - i;
            limbs[5 - fromRight / 8] |= (long) digit << (4 * (fromRight % 8));
        }
        char[] decimal = new char[63];
        int at = decimal.length;
        boolean isZero;
        do {
            long remainder = 0;
            isZero = true;
            for (int i = 0; i < limbs.length; i++) {
                long current = (remainder << 32) | limbs[i];
                limbs[i] = current / BILLION;
                remainder = current % BILLION;
                isZero &= limbs[i] == 0;
            }
            for (int d = 0; d < 9; d++) {
                decimal[--at] = (char) ('0' + remainder % 10);
                remainder /= 10;
            }
        } while (!isZero);
        while (at < decimal.length - 1 && decimal[at] == '0') {
            at++;
        }
        return new String(decimal, at, decimal.length - at);
    }

    private static void putHex(char[] into, int offset, long value, int digits) {
        if (digits < 16 && value >>> (4 * digits) != 0) {
            throw new IllegalArgumentException("value: " + value + " (expected: fits in " + digits + " hex digits)");
        }
        for (int i = digits - 1; i >= 0; i--) {
            into[offset + i] = Character.forDigit((int) (value & 0xF), 16);
            value >>>= 4;
        }
    }

    /** The fields of {@code decimal}, or empty when it is not a well-formed version 2 number. */
    public static Optional<SequenceNumber> decode(String decimal) {
        if (decimal == null || decimal.isEmpty() || decimal.length() > 60
                || !decimal.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        String hex = new BigInteger(decimal).toString(16);
        if (hex.length() != HEX_DIGITS || hex.charAt(0) != '2' || hex.charAt(46) != '2'
                || !hex.startsWith("00", 27) || hex.charAt(11) > '7') {
            return Optional.empty();
        }
        long shardIndex = Long.parseLong(hex.substring(38, 46), 16);
        if (shardIndex > Integer.MAX_VALUE || (shardIndex & 0xF) != Character.digit(hex.charAt(10), 16)) {
            return Optional.empty();
        }
        return Optional.of(new SequenceNumber(
                Long.parseLong(hex.substring(1, 10), 16),
                (int) shardIndex,
                Long.parseLong(hex.substring(11, 27), 16),
                Long.parseLong(hex.substring(29, 38), 16)));
    }
}
