package io.millrace.streams.model;

/** Account billing commitment state (model shape of the same name). */
public enum MinimumThroughputBillingCommitmentOutputStatus {
    ENABLED, DISABLED, ENABLED_UNTIL_EARLIEST_ALLOWED_END
}
