package io.millrace.streams.account;

import io.millrace.streams.model.MinimumThroughputBillingCommitmentOutputStatus;

/**
 * The minimum throughput billing commitment of one account and region (reference 3.1) as a value. A commitment
 * lasts at least {@link #MINIMUM_DURATION_MS}; disabling it earlier schedules the end for the earliest allowed
 * instant (ENABLED_UNTIL_EARLIEST_ALLOWED_END), and enabling again before then cancels that. The scheduled end is
 * applied by {@link #at(long)}, so it follows the injected clock with no background step. Immutable; method names
 * avoid the get/is prefixes so Jackson sees only the components.
 *
 * @param status             the stored status
 * @param startedAtMs        when the current or last commitment started, or {@code null} when there never was one
 * @param endedAtMs          when it ended or is scheduled to end, or {@code null}
 * @param earliestEndAtMs    the earliest instant the commitment may end, or {@code null}
 */
public record BillingCommitment(MinimumThroughputBillingCommitmentOutputStatus status, Long startedAtMs,
        Long endedAtMs, Long earliestEndAtMs) {
    public static final long MINIMUM_DURATION_MS = 24 * 3_600_000L;
    public static final BillingCommitment NEVER = new BillingCommitment(
            MinimumThroughputBillingCommitmentOutputStatus.DISABLED, null, null, null);

    /** The commitment as of {@code nowMs}: a scheduled end that has passed is now DISABLED. */
    public BillingCommitment at(long nowMs) {
        if (status == MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END
                && endedAtMs <= nowMs) {
            return new BillingCommitment(MinimumThroughputBillingCommitmentOutputStatus.DISABLED, startedAtMs,
                    endedAtMs, earliestEndAtMs);
        }
        return this;
    }

    /** Enables at {@code nowMs}: starts a new commitment, keeps a running one, or cancels a scheduled end. */
    public BillingCommitment enable(long nowMs) {
        BillingCommitment current = at(nowMs);
        return switch (current.status) {
            case ENABLED -> current;
            case ENABLED_UNTIL_EARLIEST_ALLOWED_END -> new BillingCommitment(
                    MinimumThroughputBillingCommitmentOutputStatus.ENABLED, startedAtMs, null, earliestEndAtMs);
            case DISABLED -> new BillingCommitment(MinimumThroughputBillingCommitmentOutputStatus.ENABLED, nowMs,
                    null, nowMs + MINIMUM_DURATION_MS);
        };
    }

    /** Disables at {@code nowMs}: at once when the minimum duration has passed, else at the earliest allowed end. */
    public BillingCommitment disable(long nowMs) {
        BillingCommitment current = at(nowMs);
        if (current.status != MinimumThroughputBillingCommitmentOutputStatus.ENABLED) {
            return current;
        }
        if (nowMs >= earliestEndAtMs) {
            return new BillingCommitment(MinimumThroughputBillingCommitmentOutputStatus.DISABLED, startedAtMs, nowMs,
                    earliestEndAtMs);
        }
        return new BillingCommitment(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END,
                startedAtMs, earliestEndAtMs, earliestEndAtMs);
    }

    /** Whether the account is committed (also while a scheduled end is pending). */
    public boolean committed() {
        return status != MinimumThroughputBillingCommitmentOutputStatus.DISABLED;
    }
}
