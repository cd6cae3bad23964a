package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.EnhancedMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class EnableEnhancedMonitoringTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    static EnableEnhancedMonitoringRequest enable(String... metrics) {
        return new EnableEnhancedMonitoringRequest("s", List.of(metrics), null, null);
    }

    @Test
    void currentIsBeforeAndDesiredIsAfterInModelOrder() {
        kinesis.call("CreateStream", create("s", 1));
        EnhancedMonitoringResponse first = kinesis.call("EnableEnhancedMonitoring",
                enable("OutgoingBytes", "IncomingBytes"));
        assertThat(first.currentShardLevelMetrics()).isEmpty();
        assertThat(first.desiredShardLevelMetrics()).containsExactly("IncomingBytes", "OutgoingBytes");
        assertThat(first.streamName()).isEqualTo("s");
        assertThat(first.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/s");
        EnhancedMonitoringResponse second = kinesis.call("EnableEnhancedMonitoring", enable("IncomingRecords"));
        assertThat(second.currentShardLevelMetrics()).containsExactly("IncomingBytes", "OutgoingBytes");
        assertThat(second.desiredShardLevelMetrics())
                .containsExactly("IncomingBytes", "IncomingRecords", "OutgoingBytes");
    }

    @Test
    void allExpandsToTheSevenMetricsAndDescribeListsThem() {
        kinesis.call("CreateStream", create("s", 1));
        EnhancedMonitoringResponse response = kinesis.call("EnableEnhancedMonitoring", enable("ALL"));
        assertThat(response.desiredShardLevelMetrics()).containsExactly("IncomingBytes", "IncomingRecords",
                "OutgoingBytes", "OutgoingRecords", "WriteProvisionedThroughputExceeded",
                "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds");
        DescribeStreamSummaryResponse described = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(described.streamDescriptionSummary().enhancedMonitoring())
                .containsExactly(new EnhancedMetrics(ShardLevelMetrics.EVERY));
    }

    @Test
    void anUnknownStreamIsNotFound() {
        kinesis.fails("EnableEnhancedMonitoring", enable("ALL"), KinesisError.RESOURCE_NOT_FOUND);
    }
}
