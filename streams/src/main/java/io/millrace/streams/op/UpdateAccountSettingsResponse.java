package io.millrace.streams.op;

import io.millrace.streams.model.MinimumThroughputBillingCommitmentOutput;

/** Output of UpdateAccountSettings: the commitment after the change. */
public record UpdateAccountSettingsResponse(
        MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {
}
