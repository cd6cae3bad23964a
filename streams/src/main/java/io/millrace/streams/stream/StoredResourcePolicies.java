package io.millrace.streams.stream;

import io.millrace.protocol.auth.ResourcePolicyLookup;

/**
 * The resource policies that PutResourcePolicy stored on streams, read by the API edge when it authorises a request.
 * Thread-safe: it reads the registry's current, immutable metadata.
 */
public final class StoredResourcePolicies implements ResourcePolicyLookup {
    private final StreamRegistry streams;

    public StoredResourcePolicies(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public String policyOf(String resourceArn) {
        StreamKey key = StreamKey.fromArn(resourceArn);
        if (key == null) {
            return null;
        }
        return streams.find(key).map(stream -> stream.metadata().settings().resourcePolicy()).orElse(null);
    }
}
