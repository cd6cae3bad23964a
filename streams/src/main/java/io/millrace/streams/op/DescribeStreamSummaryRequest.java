package io.millrace.streams.op;

/** Input of DescribeStreamSummary. */
public record DescribeStreamSummaryRequest(String streamName, String streamARN, String streamId) {
}
