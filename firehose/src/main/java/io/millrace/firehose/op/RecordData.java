package io.millrace.firehose.op;

/** Wire shape {@code Record}: the raw data (named so as not to clash with {@link java.lang.Record}). */
public record RecordData(byte[] data) {
}
