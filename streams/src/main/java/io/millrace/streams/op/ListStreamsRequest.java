package io.millrace.streams.op;

/** Input of ListStreams. */
public record ListStreamsRequest(Integer limit, String exclusiveStartStreamName, String nextToken) {
}
