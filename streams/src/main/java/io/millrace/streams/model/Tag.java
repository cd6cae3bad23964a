package io.millrace.streams.model;

/** Model shape {@code Tag}. */
public record Tag(String key, String value) {
}
