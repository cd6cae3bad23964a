package io.millrace.streams.model;

import java.time.Instant;

/** Model shape {@code ChannelStreamDescription}: a channel's source stream, as described. */
public record ChannelStreamDescription(String streamARN, Instant streamCreationTimestamp,
        RecordConfiguration recordConfiguration) {
}
