package io.millrace.streams.model;

/** Model shape {@code StreamModeDetails}. */
public record StreamModeDetails(StreamMode streamMode) {
}
