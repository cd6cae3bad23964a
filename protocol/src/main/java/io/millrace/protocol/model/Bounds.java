package io.millrace.protocol.model;

/**
 * An inclusive {@code min}/{@code max} pair from the model: string and blob lengths, list and map sizes, or
 * integer ranges. An absent bound is stored as the widest {@code long} so checks need no special case.
 * Immutable.
 */
public record Bounds(long min, long max) {
    public static final Bounds NONE = new Bounds(Long.MIN_VALUE, Long.MAX_VALUE);

    public boolean hasMin() {
        return min != Long.MIN_VALUE;
    }

    public boolean hasMax() {
        return max != Long.MAX_VALUE;
    }

    public boolean isUnbounded() {
        return !hasMin() && !hasMax();
    }
}
