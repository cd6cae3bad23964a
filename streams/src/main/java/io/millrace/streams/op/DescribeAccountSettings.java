package io.millrace.streams.op;

import io.millrace.streams.account.AccountSettings;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeAccountSettings.html">
 * DescribeAccountSettings</a>: the caller's minimum throughput billing commitment as UpdateAccountSettings left it
 * (DISABLED when never set), with a scheduled end applied once it has passed. Thread-safe.
 */
public final class DescribeAccountSettings
        implements SyncOperation<DescribeAccountSettingsRequest, DescribeAccountSettingsResponse> {
    private final AccountSettings accounts;

    DescribeAccountSettings(AccountSettings accounts) {
        this.accounts = accounts;
    }

    @Override
    public DescribeAccountSettingsResponse call(DescribeAccountSettingsRequest request, RequestContext context) {
        return new DescribeAccountSettingsResponse(BillingCommitments.toWire(
                accounts.commitment(context.accountId(), context.region())));
    }
}
