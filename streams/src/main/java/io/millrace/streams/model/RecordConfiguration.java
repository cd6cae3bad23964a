package io.millrace.streams.model;

/**
 * Model shape {@code RecordConfiguration}: how a channel reads the records of its source stream.
 * {@code recordFormatType} is one of {@code GSR_JSON}, {@code JSON}, {@code STRING}, {@code BYTE_ARRAY}.
 */
public record RecordConfiguration(String recordFormatType, String gSRSchemaARN) {
}
