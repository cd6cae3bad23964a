package io.millrace.streams.model;

import java.time.Instant;

/** Model shape {@code StreamSummary} (ListStreams). */
public record StreamSummary(String streamName, String streamARN, StreamStatus streamStatus,
        StreamModeDetails streamModeDetails,
        Instant streamCreationTimestamp) {
}
