package io.millrace.streams.position;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
    private static final long MARKER = 2;
    private static final long VERSION = 2;
    /** 2^192 has 58 decimal digits. */
    private static final int MAX_DECIMAL_DIGITS = 58;
    private static final long CHUNK = 1_000_000_000L;
    private static final int CHUNK_DIGITS = 9;

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
        // The 188-bit value in three words (bit offsets in the class comment: digit d ends at bit (46 - d) * 4).
        // Building it with shifts rather than a hex string and BigInteger keeps PutRecords and GetRecords, which
        // number every record, from spending most of their time here.
        long creation = number.shardCreationSeconds() & MAX_SECONDS;
        long arrival = number.arrivalSeconds() & MAX_SECONDS;
        long shard = number.shardIndex() & 0xFFFF_FFFFL;
        long index = number.sequenceIndex();
        long low = VERSION | shard << 4 | arrival << 36;
        long middle = arrival >>> 28 | index << 16;
        long high = index >>> 48 | (shard & 0xF) << 16 | creation << 20 | MARKER << 56;
        return decimal(high, middle, low);
    }

    /** The decimal text of the unsigned 192-bit value {@code high:middle:low}, by long division in base 10^9. */
    private static String decimal(long high, long middle, long low) {
        int[] words = {(int) (high >>> 32), (int) high, (int) (middle >>> 32), (int) middle, (int) (low >>> 32),
                (int) low};
        byte[] digits = new byte[MAX_DECIMAL_DIGITS];
        int start = digits.length;
        int first = 0;
        while (true) {
            long remainder = 0;
            for (int i = first; i < words.length; i++) {
                long dividend = remainder << 32 | words[i] & 0xFFFF_FFFFL;
                words[i] = (int) (dividend / CHUNK);
                remainder = dividend % CHUNK;
            }
            while (first < words.length && words[first] == 0) {
                first++;
            }
            boolean last = first == words.length;
            for (int d = 0; d < CHUNK_DIGITS && (!last || remainder != 0); d++) {
                digits[--start] = (byte) ('0' + remainder % 10);
                remainder /= 10;
            }
            if (last) {
                return new String(digits, start, digits.length - start, StandardCharsets.ISO_8859_1);
            }
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
