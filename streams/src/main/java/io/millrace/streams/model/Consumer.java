package io.millrace.streams.model;

import java.time.Instant;

/** Model shape {@code Consumer}, as RegisterStreamConsumer and ListStreamConsumers return it. */
public record Consumer(String consumerName, String consumerARN, ConsumerStatus consumerStatus,
        Instant consumerCreationTimestamp) {
}
