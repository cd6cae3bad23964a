package io.millrace.streams.op;

import io.millrace.streams.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class DisableEnhancedMonitoringTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static DisableEnhancedMonitoringRequest disable(String... metrics) {
        return new DisableEnhancedMonitoringRequest("s", List.of(metrics), null, null);
    }

    @Test
    void disablingRemovesOnlyTheNamedMetrics() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("EnableEnhancedMonitoring", EnableEnhancedMonitoringTest.enable("ALL"));
        EnhancedMonitoringResponse response = kinesis.call("DisableEnhancedMonitoring",
                disable("IncomingBytes", "IteratorAgeMilliseconds"));
        assertThat(response.currentShardLevelMetrics()).hasSize(7);
        assertThat(response.desiredShardLevelMetrics()).containsExactly("IncomingRecords", "OutgoingBytes",
                "OutgoingRecords", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded");
    }

    @Test
    void disablingAllLeavesNone() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("EnableEnhancedMonitoring", EnableEnhancedMonitoringTest.enable("IncomingBytes"));
        EnhancedMonitoringResponse response = kinesis.call("DisableEnhancedMonitoring", disable("ALL"));
        assertThat(response.currentShardLevelMetrics()).containsExactly("IncomingBytes");
        assertThat(response.desiredShardLevelMetrics()).isEmpty();
    }
}
