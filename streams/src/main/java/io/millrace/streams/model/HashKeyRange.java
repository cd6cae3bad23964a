package io.millrace.streams.model;

/** Model shape {@code HashKeyRange}: inclusive bounds as decimal strings. */
public record HashKeyRange(String startingHashKey, String endingHashKey) {
}
