package io.millrace.streams.op;

/** Input of DescribeStream. */
public record DescribeStreamRequest(String streamName, Integer limit, String exclusiveStartShardId, String streamARN,
        String streamId) {
}
