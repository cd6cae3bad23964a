package io.millrace.streams.op;

import io.millrace.streams.model.Consumer;

import java.util.List;

/** Output of ListStreamConsumers. */
public record ListStreamConsumersResponse(List<Consumer> consumers, String nextToken) {
}
