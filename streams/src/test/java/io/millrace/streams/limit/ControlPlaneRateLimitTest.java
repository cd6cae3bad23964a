package io.millrace.streams.limit;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.op.DescribeLimitsRequest;
import io.millrace.streams.op.ListStreamsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlPlaneRateLimitTest {
    private final EngineFixture kinesis = new EngineFixture(new InMemoryLogStore(),
            EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET).withLimitsEnforced(true));

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void describeLimitsAllowsOneCallPerSecondPerAccount() {
        kinesis.call("DescribeLimits", new DescribeLimitsRequest());
        assertThat(kinesis.message("DescribeLimits", new DescribeLimitsRequest(), KinesisError.LIMIT_EXCEEDED))
                .isEqualTo("Rate exceeded for operation DescribeLimits under account 123456789012.");
        kinesis.clock.advanceMs(1_000);
        kinesis.call("DescribeLimits", new DescribeLimitsRequest());
    }

    @Test
    void listStreamsAllowsFiveCallsPerSecondAndOtherOperationsHaveTheirOwnBudget() {
        ListStreamsRequest list = new ListStreamsRequest(null, null, null);
        for (int i = 0; i < 5; i++) {
            kinesis.call("ListStreams", list);
        }
        kinesis.fails("ListStreams", list, KinesisError.LIMIT_EXCEEDED);
        kinesis.call("DescribeLimits", new DescribeLimitsRequest());
    }

    @Test
    void dataPlaneOperationsAreNotListed() {
        assertThat(ControlPlaneRateLimit.tps("PutRecords")).isZero();
        assertThat(ControlPlaneRateLimit.tps("GetRecords")).isZero();
        assertThat(ControlPlaneRateLimit.tps("DescribeStreamSummary")).isEqualTo(20);
    }

    @Test
    void everyChannelOperationIsLimitedToFivePerSecond() {
        for (String name : java.util.List.of("CreateChannel", "DescribeChannel", "ListChannels", "UpdateChannel",
                "DeleteChannel")) {
            assertThat(ControlPlaneRateLimit.tps(name)).as(name).isEqualTo(5);
        }
    }
}
