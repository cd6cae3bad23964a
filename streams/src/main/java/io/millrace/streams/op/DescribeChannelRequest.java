package io.millrace.streams.op;

/** Input of DescribeChannel. */
public record DescribeChannelRequest(String channelARN) {
}
