package io.millrace.firehose.model;

/** Wire shape {@code Tag}; the value may be absent. */
public record Tag(String key, String value) {
}
