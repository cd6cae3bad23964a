package io.millrace.streams.op;

/** Output of GetResourcePolicy: the policy document, {@code "{}"} when none is attached. */
public record GetResourcePolicyResponse(String policy) {
}
