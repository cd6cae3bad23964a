package io.millrace.streams.op;

/** Input of UpdateStreamWarmThroughput. {@code streamId} is reserved by AWS and ignored. */
public record UpdateStreamWarmThroughputRequest(String streamARN, String streamName, String streamId,
        Integer warmThroughputMiBps) {
}
