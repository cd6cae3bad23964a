package io.millrace.streams.op;

import java.util.Map;

/** Input of RegisterStreamConsumer. */
public record RegisterStreamConsumerRequest(String streamARN, String consumerName, String streamId,
        Map<String, String> tags) {
}
