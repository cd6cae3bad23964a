package io.millrace.streams.model;

import java.time.Instant;

/** Model shape {@code ConsumerDescription}, as DescribeStreamConsumer returns it. */
public record ConsumerDescription(String consumerName, String consumerARN, ConsumerStatus consumerStatus,
        Instant consumerCreationTimestamp, String streamARN) {
}
