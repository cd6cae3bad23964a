package io.millrace.streams.op;

import java.time.Instant;

/** Input of ListStreamConsumers. */
public record ListStreamConsumersRequest(String streamARN, String nextToken, Integer maxResults,
        Instant streamCreationTimestamp, String streamId) {
}
