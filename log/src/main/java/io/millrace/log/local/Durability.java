package io.millrace.log.local;

/** When the local log forces appended batches to the device, and so when an append's durable future completes. */
public enum Durability {
    /** The future completes after {@code force} covered the batch; concurrent appends share forces (group commit). */
    FSYNC,
    /** The future completes at once; a background flusher forces dirty logs every {@code flushIntervalMs}. */
    INTERVAL,
    /** The future completes at once; the log is forced only when it is closed. */
    NONE
}
