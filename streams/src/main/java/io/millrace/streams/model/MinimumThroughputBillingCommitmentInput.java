package io.millrace.streams.model;

/** Model shape of the same name (UpdateAccountSettings). */
public record MinimumThroughputBillingCommitmentInput(MinimumThroughputBillingCommitmentInputStatus status) {
}
