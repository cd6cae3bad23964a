package io.millrace.streams.op;

import io.millrace.streams.model.StreamSummary;

import java.util.List;

/** Output of ListStreams. */
public record ListStreamsResponse(List<String> streamNames, Boolean hasMoreStreams, String nextToken,
        List<StreamSummary> streamSummaries) {
}
