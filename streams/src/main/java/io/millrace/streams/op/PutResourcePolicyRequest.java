package io.millrace.streams.op;

/** Input of PutResourcePolicy. {@code streamId} is reserved by AWS and ignored. */
public record PutResourcePolicyRequest(String resourceARN, String streamId, String policy) {
}
