package io.millrace.firehose.op;

/** Wire shape {@code SourceDescription}; only DirectPut sources exist so far. */
public record SourceDescription(DirectPutSourceConfiguration directPutSourceDescription) {
}
