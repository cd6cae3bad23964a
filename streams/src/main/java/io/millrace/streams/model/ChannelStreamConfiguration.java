package io.millrace.streams.model;

/** Model shape {@code ChannelStreamConfiguration}: the source stream named in CreateChannel. */
public record ChannelStreamConfiguration(String streamARN, RecordConfiguration recordConfiguration) {
}
