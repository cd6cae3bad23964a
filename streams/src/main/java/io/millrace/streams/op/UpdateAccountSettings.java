package io.millrace.streams.op;

import io.millrace.streams.account.AccountSettings;
import io.millrace.streams.account.BillingCommitment;
import io.millrace.streams.model.MinimumThroughputBillingCommitmentInputStatus;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateAccountSettings.html">
 * UpdateAccountSettings</a>: enables or disables the caller's minimum throughput billing commitment, synchronously,
 * with the 24-hour minimum of {@link BillingCommitment}. Nothing is billed. Thread-safe.
 */
public final class UpdateAccountSettings
        implements SyncOperation<UpdateAccountSettingsRequest, UpdateAccountSettingsResponse> {
    private final AccountSettings accounts;
    private final Clock clock;

    UpdateAccountSettings(AccountSettings accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UpdateAccountSettingsResponse call(UpdateAccountSettingsRequest request, RequestContext context) {
        boolean enable = request.minimumThroughputBillingCommitment().status()
                == MinimumThroughputBillingCommitmentInputStatus.ENABLED;
        long nowMs = clock.millis();
        BillingCommitment changed = accounts.updateCommitment(context.accountId(), context.region(),
                commitment -> enable ? commitment.enable(nowMs) : commitment.disable(nowMs));
        return new UpdateAccountSettingsResponse(BillingCommitments.toWire(changed));
    }
}
