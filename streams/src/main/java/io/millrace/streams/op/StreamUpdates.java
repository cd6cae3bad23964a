package io.millrace.streams.op;

import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamMetadata;

/**
 * State rules shared by the operations that change a stream asynchronously (encryption, warm throughput): the
 * stream must be ACTIVE, and then stays UPDATING for the configured delay. Stateless.
 */
final class StreamUpdates {

    private StreamUpdates() {
    }

    /** ResourceInUse ({@code ... not ACTIVE, instead in state X}) unless the stream is ACTIVE. */
    static StreamMetadata requireActive(StreamMetadata metadata) {
        if (metadata.status() != StreamStatus.ACTIVE) {
            throw StreamErrors.notActive(metadata.key(), metadata.status());
        }
        return metadata;
    }

    /** {@code metadata} in UPDATING until {@code nowMs + delayMs}; unchanged (ACTIVE) when the delay is 0. */
    static StreamMetadata beginUpdate(StreamMetadata metadata, long nowMs, long delayMs) {
        return delayMs <= 0 ? metadata : metadata.withStatus(StreamStatus.UPDATING, nowMs + delayMs);
    }
}
