package io.millrace.streams.op;

/** Input of DeregisterStreamConsumer: the consumer's ARN, or the stream's ARN and the consumer's name. */
public record DeregisterStreamConsumerRequest(String streamARN, String consumerName, String consumerARN,
        String streamId) {
}
