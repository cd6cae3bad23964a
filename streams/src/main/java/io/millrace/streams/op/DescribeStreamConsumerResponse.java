package io.millrace.streams.op;

import io.millrace.streams.model.ConsumerDescription;

/** Output of DescribeStreamConsumer. */
public record DescribeStreamConsumerResponse(ConsumerDescription consumerDescription) {
}
