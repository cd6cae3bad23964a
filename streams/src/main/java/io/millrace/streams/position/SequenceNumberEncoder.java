package io.millrace.streams.position;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the sequence numbers of records met in position order, as PutRecords, GetRecords and SubscribeToShard
 * do for every record they answer with. When a record follows the previous one at the next position with the same
 * shard and arrival second, its number is the previous one plus 2<sup>80</sup> (the sequence index sits at bit 80),
 * so the decimal digits are carried forward by one short decimal addition instead of being recomputed by long
 * division; anything else falls back to {@link SequenceNumberCodec#forRecord}.
 *
 * <p>Not thread-safe: one encoder per response being built.
 */
public final class SequenceNumberEncoder {
    /** 2^80 in decimal, least significant digit first. */
    private static final byte[] INDEX_STEP = reversedDigits(BigInteger.ONE.shiftLeft(80));

    private byte[] digits; // the previous number, most significant digit first
    private long shardCreationS = -1;
    private int shardIndex = -1;
    private long arrivalS = -1;
    private long position = -1;

    /** The number of the record stored at {@code position} of shard {@code shardIndex}. */
    public String forRecord(long shardCreationMs, int shardIndex, long position, long arrivalMs) {
        long creationS = shardCreationMs / 1000;
        long arrivalS = arrivalMs / 1000;
        boolean next = digits != null && position == this.position + 1 && position < Long.MAX_VALUE - 1
                && shardIndex == this.shardIndex && creationS == shardCreationS && arrivalS == this.arrivalS;
        if (next) {
            addIndexStep();
        } else {
            digits = SequenceNumberCodec.forRecord(shardCreationMs, shardIndex, position, arrivalMs)
                    .getBytes(StandardCharsets.ISO_8859_1);
            this.shardIndex = shardIndex;
            this.shardCreationS = creationS;
            this.arrivalS = arrivalS;
        }
        this.position = position;
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    private void addIndexStep() {
        int carry = 0;
        int i = digits.length - 1;
        for (int k = 0; k < INDEX_STEP.length || carry != 0; k++, i--) {
            int sum = digits[i] - '0' + carry + (k < INDEX_STEP.length ? INDEX_STEP[k] : 0);
            carry = sum >= 10 ? 1 : 0;
            digits[i] = (byte) ('0' + sum - 10 * carry);
        }
        // No carry can run past the first digit: the sequence index stays below 2^63, so the value keeps its
        // 56 digits (checked by the caller's bound on position).
    }

    private static byte[] reversedDigits(BigInteger value) {
        byte[] text = value.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] reversed = new byte[text.length];
        for (int i = 0; i < text.length; i++) {
            reversed[i] = (byte) (text[text.length - 1 - i] - '0');
        }
        return reversed;
    }
}
