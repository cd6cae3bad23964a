package io.millrace.streams.op;

import io.millrace.streams.model.RecordDistributionStrategy;

/** Input of UpdateStreamRecordDistributionStrategy. {@code streamId} is reserved by AWS and ignored. */
public record UpdateStreamRecordDistributionStrategyRequest(String streamARN, String streamId,
        RecordDistributionStrategy recordDistributionStrategy) {
}
