package io.millrace.streams.model;

import java.time.Instant;

/** Model shape of the same name (DescribeAccountSettings). */
public record MinimumThroughputBillingCommitmentOutput(
        MinimumThroughputBillingCommitmentOutputStatus status, Instant startedAt,
        Instant endedAt, Instant earliestAllowedEndAt) {
}
