package io.millrace.streams.op;

import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.MinimumThroughputBillingCommitmentInput;
import io.millrace.streams.model.MinimumThroughputBillingCommitmentInputStatus;
import io.millrace.streams.model.MinimumThroughputBillingCommitmentOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.millrace.streams.model.MinimumThroughputBillingCommitmentOutputStatus.DISABLED;
import static io.millrace.streams.model.MinimumThroughputBillingCommitmentOutputStatus.ENABLED;
import static io.millrace.streams.model.MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateAccountSettingsTest {
    private static final long DAY_MS = 24 * 3_600_000L;
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    static MinimumThroughputBillingCommitmentOutput update(EngineFixture kinesis,
            MinimumThroughputBillingCommitmentInputStatus status) {
        UpdateAccountSettingsResponse response = kinesis.call("UpdateAccountSettings",
                new UpdateAccountSettingsRequest(new MinimumThroughputBillingCommitmentInput(status)));
        return response.minimumThroughputBillingCommitment();
    }

    private MinimumThroughputBillingCommitmentOutput described() {
        DescribeAccountSettingsResponse response = kinesis.call("DescribeAccountSettings",
                new DescribeAccountSettingsRequest());
        return response.minimumThroughputBillingCommitment();
    }

    @Test
    void enablingStartsACommitmentOfAtLeastADay() {
        MinimumThroughputBillingCommitmentOutput enabled =
                update(kinesis, MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        Instant now = Instant.ofEpochMilli(EngineFixture.START_MS);
        assertThat(enabled).isEqualTo(new MinimumThroughputBillingCommitmentOutput(ENABLED, now, null,
                now.plusMillis(DAY_MS)));
        assertThat(described()).isEqualTo(enabled);
    }

    @Test
    void disablingEarlyWaitsForTheEarliestEndThenIsDisabled() {
        update(kinesis, MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        kinesis.clock.advanceMs(3_600_000);
        MinimumThroughputBillingCommitmentOutput pending =
                update(kinesis, MinimumThroughputBillingCommitmentInputStatus.DISABLED);
        assertThat(pending.status()).isEqualTo(ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(pending.endedAt()).isEqualTo(pending.earliestAllowedEndAt());
        kinesis.clock.advanceMs(DAY_MS);
        kinesis.restart();
        assertThat(described().status()).isEqualTo(DISABLED);
        assertThat(described().endedAt()).isEqualTo(pending.earliestAllowedEndAt());
    }

    @Test
    void enablingAgainCancelsAPendingDisable() {
        update(kinesis, MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        update(kinesis, MinimumThroughputBillingCommitmentInputStatus.DISABLED);
        MinimumThroughputBillingCommitmentOutput again =
                update(kinesis, MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        assertThat(again.status()).isEqualTo(ENABLED);
        assertThat(again.endedAt()).isNull();
        assertThat(again.startedAt()).isEqualTo(Instant.ofEpochMilli(EngineFixture.START_MS));
    }

    @Test
    void disablingAfterADayEndsAtOnce() {
        update(kinesis, MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        kinesis.clock.advanceMs(DAY_MS);
        MinimumThroughputBillingCommitmentOutput disabled =
                update(kinesis, MinimumThroughputBillingCommitmentInputStatus.DISABLED);
        assertThat(disabled.status()).isEqualTo(DISABLED);
        assertThat(disabled.endedAt()).isEqualTo(Instant.ofEpochMilli(kinesis.clock.millis()));
    }
}
