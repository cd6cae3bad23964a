package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.stream.StreamKey;

/**
 * Resolves a {@code ResourceARN} that must name a stream (resource policies; the tag operations after
 * {@link ResourceTags} has taken consumer and channel ARNs).
 */
final class ResourceArns {

    private ResourceArns() {
    }

    static StreamKey stream(String resourceArn) {
        StreamKey key = StreamKey.fromArn(resourceArn);
        if (key == null) {
            // [UNVERIFIED] text.
            throw KinesisError.RESOURCE_NOT_FOUND.exception("Resource %s not found.", resourceArn);
        }
        return key;
    }
}
