package io.millrace.firehose.destination;

/** One record as a destination receives it: its raw data and when it arrived at the delivery stream. */
public record BufferedRecord(long arrivalMs, byte[] data) {
}
