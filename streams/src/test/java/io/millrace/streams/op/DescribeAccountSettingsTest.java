package io.millrace.streams.op;

import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.MinimumThroughputBillingCommitmentOutputStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescribeAccountSettingsTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void theBillingCommitmentIsDisabledUntilEnabled() {
        DescribeAccountSettingsResponse settings = kinesis.call("DescribeAccountSettings",
                new DescribeAccountSettingsRequest());
        assertThat(settings.minimumThroughputBillingCommitment().status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);
        assertThat(settings.minimumThroughputBillingCommitment().startedAt()).isNull();
    }
}
