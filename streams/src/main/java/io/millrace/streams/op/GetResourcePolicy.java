package io.millrace.streams.op;

import io.millrace.streams.stream.StreamRegistry;
import io.millrace.streams.stream.StreamSettings;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetResourcePolicy.html">GetResourcePolicy
 * </a>: the stream's policy document as it was put, or {@code "{}"} when none is attached [UNVERIFIED: kinesis-mock's
 * behaviour]. Thread-safe.
 */
public final class GetResourcePolicy implements SyncOperation<GetResourcePolicyRequest, GetResourcePolicyResponse> {
    static final String NO_POLICY = "{}";

    private final StreamRegistry streams;

    GetResourcePolicy(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public GetResourcePolicyResponse call(GetResourcePolicyRequest request, RequestContext context) {
        StreamSettings settings = streams.require(ResourceArns.stream(request.resourceARN())).metadata().settings();
        return new GetResourcePolicyResponse(settings.resourcePolicy() == null ? NO_POLICY : settings.resourcePolicy());
    }
}
