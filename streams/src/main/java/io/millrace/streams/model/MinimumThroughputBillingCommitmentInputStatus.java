package io.millrace.streams.model;

/** The billing commitment status a caller may ask for (model shape of the same name). */
public enum MinimumThroughputBillingCommitmentInputStatus {
    ENABLED, DISABLED
}
