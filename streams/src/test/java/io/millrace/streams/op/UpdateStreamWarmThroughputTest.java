package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.MinimumThroughputBillingCommitmentInputStatus;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.model.WarmThroughputObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateStreamWarmThroughputTest {
    private final EngineFixture kinesis = new EngineFixture(new InMemoryLogStore(),
            EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET).withStreamDelaysMs(0, 0, 1_000));

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static UpdateStreamWarmThroughputRequest warm(int mibps) {
        return new UpdateStreamWarmThroughputRequest(null, "s", null, mibps);
    }

    @Test
    void anOnDemandStreamOfACommittedAccountReachesTheTargetAfterUpdating() {
        UpdateAccountSettingsTest.update(kinesis, MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        kinesis.call("CreateStream", createOnDemand("s"));
        UpdateStreamWarmThroughputResponse response = kinesis.call("UpdateStreamWarmThroughput", warm(100));
        assertThat(response.warmThroughput()).isEqualTo(new WarmThroughputObject(100, 0));
        assertThat(response.streamName()).isEqualTo("s");
        DescribeStreamSummaryResponse updating = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(updating.streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.UPDATING);
        kinesis.clock.advanceMs(1_000);
        DescribeStreamSummaryResponse done = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(done.streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(done.streamDescriptionSummary().warmThroughput()).isEqualTo(new WarmThroughputObject(100, 100));
    }

    @Test
    void anAccountWithoutCommitmentIsRefused() {
        kinesis.call("CreateStream", createOnDemand("s"));
        kinesis.fails("UpdateStreamWarmThroughput", warm(100), KinesisError.INVALID_ARGUMENT);
        DescribeStreamSummaryResponse described = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(described.streamDescriptionSummary().warmThroughput()).isNull();
    }

    @Test
    void aProvisionedStreamIsRefused() {
        UpdateAccountSettingsTest.update(kinesis, MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("UpdateStreamWarmThroughput", warm(100), KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void moreThanTenGibibytesPerSecondIsRefused() {
        UpdateAccountSettingsTest.update(kinesis, MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        kinesis.call("CreateStream", createOnDemand("s"));
        kinesis.fails("UpdateStreamWarmThroughput", warm(10 * 1024 + 1), KinesisError.INVALID_ARGUMENT);
    }
}
