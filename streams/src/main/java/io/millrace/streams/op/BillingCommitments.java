package io.millrace.streams.op;

import io.millrace.streams.account.BillingCommitment;
import io.millrace.streams.model.MinimumThroughputBillingCommitmentOutput;

import java.time.Instant;

/** The wire form of a {@link BillingCommitment}. Stateless. */
final class BillingCommitments {

    private BillingCommitments() {
    }

    static MinimumThroughputBillingCommitmentOutput toWire(BillingCommitment commitment) {
        return new MinimumThroughputBillingCommitmentOutput(commitment.status(), instant(commitment.startedAtMs()),
                instant(commitment.endedAtMs()), instant(commitment.earliestEndAtMs()));
    }

    private static Instant instant(Long epochMs) {
        return epochMs == null ? null : Instant.ofEpochMilli(epochMs);
    }
}
