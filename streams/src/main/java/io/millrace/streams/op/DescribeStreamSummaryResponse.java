package io.millrace.streams.op;

import io.millrace.streams.model.StreamDescriptionSummary;

/** Output of DescribeStreamSummary. */
public record DescribeStreamSummaryResponse(StreamDescriptionSummary streamDescriptionSummary) {
}
