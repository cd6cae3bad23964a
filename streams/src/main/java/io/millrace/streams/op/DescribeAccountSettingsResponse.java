package io.millrace.streams.op;

import io.millrace.streams.model.MinimumThroughputBillingCommitmentOutput;

/** Output of DescribeAccountSettings. */
public record DescribeAccountSettingsResponse(
        MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {
}
