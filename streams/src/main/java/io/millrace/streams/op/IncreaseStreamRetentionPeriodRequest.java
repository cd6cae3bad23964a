package io.millrace.streams.op;

/** Input of IncreaseStreamRetentionPeriod. */
public record IncreaseStreamRetentionPeriodRequest(String streamName, Integer retentionPeriodHours, String streamARN,
        String streamId) {
}
