package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.stream.StreamKey;

/** Resolves the {@code ResourceARN} of the tag-by-resource operations. Only stream ARNs exist so far. */
final class ResourceArns {

    private ResourceArns() {
    }

    static StreamKey stream(String resourceArn) {
        StreamKey key = StreamKey.fromArn(resourceArn);
        if (key == null) {
            // [UNVERIFIED] text; consumer ARNs land here until consumers exist.
            throw KinesisError.RESOURCE_NOT_FOUND.exception("Resource %s not found.", resourceArn);
        }
        return key;
    }
}
