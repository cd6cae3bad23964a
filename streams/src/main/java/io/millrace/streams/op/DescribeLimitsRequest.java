package io.millrace.streams.op;

/** Input of DescribeLimits (no members). */
public record DescribeLimitsRequest() {
}
