package io.millrace.streams.op;

import io.millrace.streams.consumer.ConsumerMetadata;
import io.millrace.streams.model.Consumer;
import io.millrace.streams.model.ConsumerDescription;

import java.time.Instant;

/** Wire shapes of a consumer. Stateless. */
final class ConsumerShapes {

    private ConsumerShapes() {
    }

    static Consumer consumer(ConsumerMetadata metadata) {
        return new Consumer(metadata.name(), metadata.arn(), metadata.status(),
                Instant.ofEpochMilli(metadata.creationMs()));
    }

    static ConsumerDescription description(ConsumerMetadata metadata, String streamArn) {
        return new ConsumerDescription(metadata.name(), metadata.arn(), metadata.status(),
                Instant.ofEpochMilli(metadata.creationMs()), streamArn);
    }
}
