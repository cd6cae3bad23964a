package io.millrace.streams.op;

/** Input of DeleteStream. */
public record DeleteStreamRequest(String streamName, Boolean enforceConsumerDeletion, String streamARN,
        String streamId) {
}
