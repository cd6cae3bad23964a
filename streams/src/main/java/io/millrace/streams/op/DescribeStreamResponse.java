package io.millrace.streams.op;

import io.millrace.streams.model.StreamDescription;

/** Output of DescribeStream. */
public record DescribeStreamResponse(StreamDescription streamDescription) {
}
