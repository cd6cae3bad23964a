package io.millrace.streams.op;

import io.millrace.streams.model.MinimumThroughputBillingCommitmentInput;

/** Input of UpdateAccountSettings. */
public record UpdateAccountSettingsRequest(MinimumThroughputBillingCommitmentInput minimumThroughputBillingCommitment) {
}
