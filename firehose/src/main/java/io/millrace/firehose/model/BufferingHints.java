package io.millrace.firehose.model;

/** Wire shape {@code BufferingHints}: deliver when either threshold is reached. Both null when absent. */
public record BufferingHints(Integer sizeInMBs, Integer intervalInSeconds) {
}
