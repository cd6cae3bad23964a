package io.millrace.streams.op;

import io.millrace.streams.model.WarmThroughputObject;

/** Output of UpdateStreamWarmThroughput. */
public record UpdateStreamWarmThroughputResponse(String streamARN, String streamName,
        WarmThroughputObject warmThroughput) {
}
