package io.millrace.streams.shard;

import java.util.OptionalInt;

/** A shard's identity within its stream, printed {@code shardId-%012d}. Immutable. */
public record ShardId(int index) implements Comparable<ShardId> {
    private static final String NAME_PREFIX = "shardId-";
    private static final int NAME_DIGITS = 12;
    private static final String ZEROS = "0".repeat(NAME_DIGITS);

    public ShardId {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
    }

    /**
     * Parses a shard id the way Kinesis does: split on {@code '-'}, take the second piece if there is one (else the
     * whole text); it must be all digits and at most {@link Integer#MAX_VALUE}. So {@code shardId-5},
     * {@code foo-0005} and {@code 5} all name shard 5. Empty when the text cannot name a shard.
     */
    public static OptionalInt parseIndex(String text) {
        String[] pieces = text.split("-", -1);
        String digits = pieces.length > 1 ? pieces[1] : text;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 10 || Long.parseLong(significant) > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(significant));
    }

    @Override
    public int compareTo(ShardId other) {
        return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return name(index);
    }

    /** {@code shardId-} and the index in twelve digits; built by hand because PutRecords names shards per batch. */
    public static String name(int index) {
        String digits = Integer.toString(index);
        return NAME_PREFIX + ZEROS.substring(Math.min(digits.length(), NAME_DIGITS)) + digits;
    }
}
