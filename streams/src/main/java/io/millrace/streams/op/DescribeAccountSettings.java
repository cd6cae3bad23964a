package io.millrace.streams.op;

import io.millrace.streams.model.MinimumThroughputBillingCommitmentOutput;
import io.millrace.streams.model.MinimumThroughputBillingCommitmentOutputStatus;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeAccountSettings.html">
 * DescribeAccountSettings</a>: no billing commitment exists until UpdateAccountSettings is implemented, so the
 * status is always DISABLED. Stateless.
 */
public final class DescribeAccountSettings
        implements SyncOperation<DescribeAccountSettingsRequest, DescribeAccountSettingsResponse> {

    @Override
    public DescribeAccountSettingsResponse call(DescribeAccountSettingsRequest request, RequestContext context) {
        return new DescribeAccountSettingsResponse(new MinimumThroughputBillingCommitmentOutput(
                MinimumThroughputBillingCommitmentOutputStatus.DISABLED, null, null, null));
    }
}
