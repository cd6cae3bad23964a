package io.millrace.streams.op;

/** Input of UpdateMaxRecordSize (the model has no StreamName here). {@code streamId} is ignored. */
public record UpdateMaxRecordSizeRequest(String streamARN, String streamId, Integer maxRecordSizeInKiB) {
}
