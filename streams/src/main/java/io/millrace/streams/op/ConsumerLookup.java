package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.consumer.ConsumerArn;
import io.millrace.streams.consumer.ConsumerErrors;
import io.millrace.streams.consumer.ConsumerMetadata;
import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

/**
 * Finds the consumer a request names by {@code ConsumerARN}, or by {@code StreamARN} plus {@code ConsumerName}
 * (all three may be given when they agree). Thread-safe.
 */
final class ConsumerLookup {

    /** A consumer and the stream it reads. */
    record Found(Stream stream, ConsumerMetadata consumer) {
    }

    private final StreamRegistry streams;
    private final ConsumerRegistry consumers;

    ConsumerLookup(StreamRegistry streams, ConsumerRegistry consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    Found find(String streamArn, String consumerName, String consumerArn) {
        if (consumerArn == null) {
            if (streamArn == null || consumerName == null) {
                // [UNVERIFIED] AWS's text when neither form of address is complete.
                throw KinesisError.INVALID_ARGUMENT.exception(
                        "Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
            }
            StreamKey key = StreamKey.resolve(null, streamArn, null, null);
            Stream stream = streams.require(key);
            ConsumerMetadata consumer = consumers.find(stream.metadata(), consumerName)
                    .orElseThrow(() -> ConsumerErrors.notFound(consumerName, key));
            return new Found(stream, consumer);
        }
        ConsumerArn arn = ConsumerArn.parse(consumerArn);
        if (arn == null) {
            throw ConsumerErrors.arnNotFound(consumerArn);
        }
        boolean contradicts = (streamArn != null && !arn.stream().equals(StreamKey.fromArn(streamArn)))
                || (consumerName != null && !consumerName.equals(arn.consumerName()));
        if (contradicts) {
            // [UNVERIFIED] text.
            throw KinesisError.INVALID_ARGUMENT.exception("ConsumerARN %s does not match the StreamARN or "
                    + "ConsumerName given.", consumerArn);
        }
        Stream stream = streams.find(arn.stream()).orElseThrow(() -> ConsumerErrors.arnNotFound(consumerArn));
        ConsumerMetadata consumer = consumers.find(stream.metadata(), arn.consumerName())
                .filter(c -> c.arn().equals(consumerArn))
                .orElseThrow(() -> ConsumerErrors.arnNotFound(consumerArn));
        return new Found(stream, consumer);
    }
}
