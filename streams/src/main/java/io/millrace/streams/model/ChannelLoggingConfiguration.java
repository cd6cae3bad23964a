package io.millrace.streams.model;

/** Model shapes {@code ChannelLoggingConfiguration} and {@code ChannelLoggingUpdateInput}. */
public record ChannelLoggingConfiguration(CloudWatchLogs cloudWatchLogs) {
}
