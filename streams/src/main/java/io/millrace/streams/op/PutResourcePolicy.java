package io.millrace.streams.op;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutResourcePolicy.html">PutResourcePolicy
 * </a>: attaches a policy document to a stream, replacing any earlier one. The document must be a JSON object; it is
 * stored and returned verbatim but not evaluated (Millrace does not authorise by policy). Consumer ARNs are answered
 * ResourceNotFound until consumers exist. Thread-safe.
 */
public final class PutResourcePolicy implements SyncOperation<PutResourcePolicyRequest, Void> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamRegistry streams;

    PutResourcePolicy(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public Void call(PutResourcePolicyRequest request, RequestContext context) {
        StreamKey key = ResourceArns.stream(request.resourceARN());
        checkDocument(request.policy());
        streams.update(key, metadata -> StreamErrors.checkChangeable(metadata)
                .withSettings(metadata.settings().withResourcePolicy(request.policy())));
        return null;
    }

    private static void checkDocument(String policy) {
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            document = null;
        }
        if (document == null || !document.isObject()) {
            // [UNVERIFIED] AWS's text for a policy that is not a JSON document.
            throw KinesisError.INVALID_ARGUMENT.exception("Policy is not a valid JSON document.");
        }
    }
}
