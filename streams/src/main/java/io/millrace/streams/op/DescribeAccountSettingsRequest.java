package io.millrace.streams.op;

/** Input of DescribeAccountSettings (no members). */
public record DescribeAccountSettingsRequest() {
}
