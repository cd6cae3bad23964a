package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.model.StreamDescriptionSummary;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class DescribeStreamSummaryTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void summarisesAProvisionedStream() {
        kinesis.call("CreateStream", new CreateStreamRequest("s", 3, null, null, null, 2048, null));
        DescribeStreamSummaryResponse response = kinesis.call("DescribeStreamSummary", summary("s"));
        StreamDescriptionSummary summary = response.streamDescriptionSummary();
        assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(summary.openShardCount()).isEqualTo(3);
        assertThat(summary.consumerCount()).isZero();
        assertThat(summary.maxRecordSizeInKiB()).isEqualTo(2048);
        assertThat(summary.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(summary.recordDistributionStrategy()).isNull();
        assertThat(summary.enhancedMonitoring()).hasSize(1);
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertThat(kinesis.message("DescribeStreamSummary", summary("x"), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Stream x under account 123456789012 not found.");
        kinesis.call("CreateStream", create("y", 1));
    }

    @Test
    void theConsumerCountCountsRegisteredConsumers() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("RegisterStreamConsumer", io.millrace.streams.Requests.register("s", "a"));
        kinesis.call("RegisterStreamConsumer", io.millrace.streams.Requests.register("s", "b"));
        DescribeStreamSummaryResponse described = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(described.streamDescriptionSummary().consumerCount()).isEqualTo(2);
    }
}
