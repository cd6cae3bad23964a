package io.millrace.streams.model;

/** Model shape {@code SequenceNumberRange}; the end is present only for a closed shard. */
public record SequenceNumberRange(String startingSequenceNumber, String endingSequenceNumber) {
}
