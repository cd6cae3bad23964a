package io.millrace.firehose.op;

/** Wire shape {@code DirectPutSourceConfiguration} (also the body of {@code DirectPutSourceDescription}). */
public record DirectPutSourceConfiguration(Integer throughputHintInMBs) {
}
