package io.millrace.streams.model;

/** Model shapes {@code CloudWatchLogs} and {@code CloudWatchLogsUpdateInput}: a channel's logging settings. */
public record CloudWatchLogs(Boolean enabled, String logGroupName, String logStreamName) {
}
