package io.millrace.streams.op;

import io.millrace.streams.model.Consumer;

/** Output of RegisterStreamConsumer. */
public record RegisterStreamConsumerResponse(Consumer consumer) {
}
