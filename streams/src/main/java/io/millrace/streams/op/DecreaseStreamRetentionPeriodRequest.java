package io.millrace.streams.op;

/** Input of DecreaseStreamRetentionPeriod. */
public record DecreaseStreamRetentionPeriodRequest(String streamName, Integer retentionPeriodHours, String streamARN,
        String streamId) {
}
