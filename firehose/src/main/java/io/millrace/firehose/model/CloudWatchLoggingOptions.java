package io.millrace.firehose.model;

/** Wire shape {@code CloudWatchLoggingOptions}; configuration only, echoed by DescribeDeliveryStream. */
public record CloudWatchLoggingOptions(Boolean enabled, String logGroupName, String logStreamName) {
}
