package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.StreamDescriptionSummary;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamModeDetails;
import io.millrace.streams.model.StreamStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateStreamModeTest {
    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    private EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    static UpdateStreamModeRequest switchTo(String arn, StreamMode mode) {
        return new UpdateStreamModeRequest(arn, null, new StreamModeDetails(mode), null);
    }

    private StreamDescriptionSummary summaryOfS() {
        DescribeStreamSummaryResponse response = kinesis.call("DescribeStreamSummary", summary("s"));
        return response.streamDescriptionSummary();
    }

    @Test
    void switchesModesKeepingTheShards() {
        kinesis.call("CreateStream", create("s", 3));
        kinesis.call("UpdateStreamMode", switchTo(ARN, StreamMode.ON_DEMAND));
        assertThat(summaryOfS().streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summaryOfS().openShardCount()).isEqualTo(3);
        kinesis.call("UpdateStreamMode", switchTo(ARN, StreamMode.PROVISIONED));
        assertThat(summaryOfS().streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
    }

    @Test
    void allowsTwoSwitchesPerRolling24HoursEvenAcrossARestart() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("UpdateStreamMode", switchTo(ARN, StreamMode.ON_DEMAND));
        kinesis.clock.advanceMs(1_000);
        kinesis.call("UpdateStreamMode", switchTo(ARN, StreamMode.PROVISIONED));
        kinesis.restart();
        assertThat(kinesis.message("UpdateStreamMode", switchTo(ARN, StreamMode.ON_DEMAND),
                KinesisError.LIMIT_EXCEEDED)).isEqualTo("Stream s under account 123456789012 has exceeded the limit "
                + "of 2 capacity mode switches in a rolling 24-hour period.");
        kinesis.clock.advanceMs(86_400_000L - 1_000 + 1);
        kinesis.call("UpdateStreamMode", switchTo(ARN, StreamMode.ON_DEMAND));
    }

    @Test
    void goesThroughUpdatingBackToActive() {
        kinesis.close();
        kinesis = new EngineFixture(new InMemoryLogStore(), EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET).withStreamDelaysMs(0, 0, 2_000));
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("UpdateStreamMode", switchTo(ARN, StreamMode.ON_DEMAND));
        assertThat(summaryOfS().streamStatus()).isEqualTo(StreamStatus.UPDATING);
        assertThat(kinesis.message("UpdateStreamMode", switchTo(ARN, StreamMode.PROVISIONED),
                KinesisError.RESOURCE_IN_USE))
                .isEqualTo("Stream s under account 123456789012 not ACTIVE, instead in state UPDATING");
        kinesis.clock.advanceMs(2_000);
        kinesis.engine().runMaintenance();
        assertThat(summaryOfS().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void refusesTheCurrentModeAndUnknownStreams() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("UpdateStreamMode", switchTo(ARN, StreamMode.PROVISIONED), KinesisError.INVALID_ARGUMENT);
        assertThat(kinesis.message("UpdateStreamMode",
                switchTo("arn:aws:kinesis:us-east-1:123456789012:stream/nope", StreamMode.ON_DEMAND),
                KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("Stream nope under account 123456789012 not found.");
    }

    @Test
    void respectsTheOnDemandStreamCountLimit() {
        kinesis.close();
        kinesis = new EngineFixture(new InMemoryLogStore(), EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET).withLimits(500, 4, 0));
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("UpdateStreamMode", switchTo(ARN, StreamMode.ON_DEMAND), KinesisError.LIMIT_EXCEEDED);
    }
}
