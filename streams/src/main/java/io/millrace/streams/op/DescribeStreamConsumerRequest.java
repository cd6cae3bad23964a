package io.millrace.streams.op;

/** Input of DescribeStreamConsumer: the consumer's ARN, or the stream's ARN and the consumer's name. */
public record DescribeStreamConsumerRequest(String streamARN, String consumerName, String consumerARN,
        String streamId) {
}
