package io.millrace.streams.op;

/** Input of GetResourcePolicy. {@code streamId} is reserved by AWS and ignored. */
public record GetResourcePolicyRequest(String resourceARN, String streamId) {
}
