package io.millrace.streams.op;

import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RegisterStreamConsumer.html">
 * RegisterStreamConsumer</a>: the consumer starts CREATING and turns ACTIVE after the configured delay (at once by
 * default). Its ARN carries the registration time in epoch seconds, so a re-registered name gets a new ARN.
 * Thread-safe.
 */
public final class RegisterStreamConsumer
        implements SyncOperation<RegisterStreamConsumerRequest, RegisterStreamConsumerResponse> {
    private final StreamRegistry streams;
    private final ConsumerRegistry consumers;

    RegisterStreamConsumer(StreamRegistry streams, ConsumerRegistry consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    @Override
    public RegisterStreamConsumerResponse call(RegisterStreamConsumerRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(null, request.streamARN(), context.accountId(), context.region());
        StreamMetadata stream = StreamErrors.checkChangeable(streams.require(key).metadata());
        return new RegisterStreamConsumerResponse(ConsumerShapes.consumer(
                consumers.register(stream, request.consumerName(), request.tags())));
    }
}
