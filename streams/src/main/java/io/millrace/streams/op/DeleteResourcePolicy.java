package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteResourcePolicy.html">
 * DeleteResourcePolicy</a>: detaches the stream's policy; ResourceNotFound when none is attached. Thread-safe.
 */
public final class DeleteResourcePolicy implements SyncOperation<DeleteResourcePolicyRequest, Void> {
    private final StreamRegistry streams;

    DeleteResourcePolicy(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public Void call(DeleteResourcePolicyRequest request, RequestContext context) {
        StreamKey key = ResourceArns.stream(request.resourceARN());
        streams.update(key, metadata -> {
            StreamErrors.checkChangeable(metadata);
            if (metadata.settings().resourcePolicy() == null) {
                // [UNVERIFIED] AWS's text for deleting a policy that does not exist.
                throw KinesisError.RESOURCE_NOT_FOUND.exception("No resource policy found for resource %s.",
                        request.resourceARN());
            }
            return metadata.withSettings(metadata.settings().withResourcePolicy(null));
        });
        return null;
    }
}
