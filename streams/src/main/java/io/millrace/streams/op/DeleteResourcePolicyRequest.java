package io.millrace.streams.op;

/** Input of DeleteResourcePolicy. {@code streamId} is reserved by AWS and ignored. */
public record DeleteResourcePolicyRequest(String resourceARN, String streamId) {
}
