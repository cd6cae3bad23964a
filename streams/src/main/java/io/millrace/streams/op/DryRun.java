package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;

/**
 * The {@code DryRun} member of the data-plane operations (2026 supplement): once a request has passed every check, a
 * dry run answers DryRunOperationException instead of acting. Stateless.
 */
final class DryRun {

    private DryRun() {
    }

    /** Throws when {@code dryRun} is set; call after the last check and before the first side effect. */
    static void stopIfRequested(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            // [UNVERIFIED] AWS's text; this is the wording other AWS services use for DryRun.
            throw KinesisError.DRY_RUN_OPERATION.exception("Request would have succeeded, but DryRun flag is set.");
        }
    }
}
