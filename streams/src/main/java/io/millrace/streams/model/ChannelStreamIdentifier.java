package io.millrace.streams.model;

import java.time.Instant;

/**
 * Model shapes {@code ChannelStreamIdentifier} (in ListChannels summaries) and {@code StreamFilter} (in the
 * ListChannels request, where the timestamp is optional): one source stream.
 */
public record ChannelStreamIdentifier(String streamARN, Instant streamCreationTimestamp) {
}
