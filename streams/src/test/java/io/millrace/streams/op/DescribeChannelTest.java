package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.ChannelRequests;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.ChannelStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.millrace.streams.ChannelRequests.channel;
import static io.millrace.streams.ChannelRequests.describe;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

class DescribeChannelTest {
    @TempDir
    Path s3Root;
    private EngineFixture kinesis;

    @BeforeEach
    void open() {
        kinesis = ChannelRequests.engine(s3Root);
        kinesis.call("CreateStream", createOnDemand("s"));
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void describesWhatCreateChannelReturnedOnceActive() {
        ChannelResponse created = kinesis.call("CreateChannel", channel("c", "s"));
        ChannelResponse described = kinesis.call("DescribeChannel", describe("c"));
        assertThat(described.channelDescription().channelId()).isEqualTo(created.channelDescription().channelId());
        assertThat(described.channelDescription().s3DestinationConfiguration())
                .isEqualTo(created.channelDescription().s3DestinationConfiguration());
        assertThat(described.channelDescription().channelStatus()).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void aChannelSurvivesARestart() {
        ChannelResponse created = kinesis.call("CreateChannel", channel("c", "s"));
        kinesis.restart();
        ChannelResponse described = kinesis.call("DescribeChannel", describe("c"));
        assertThat(described.channelDescription().channelId()).isEqualTo(created.channelDescription().channelId());
    }

    @Test
    void anUnknownChannelIsResourceNotFound() {
        // [UNVERIFIED] message.
        assertThat(kinesis.message("DescribeChannel", describe("nope"), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Channel arn:aws:kinesis:us-east-1:123456789012:channel/nope not found.");
    }

    @Test
    void aStreamArnIsNotAChannelArn() {
        // [UNVERIFIED] message.
        assertThat(kinesis.message("DescribeChannel",
                new DescribeChannelRequest("arn:aws:kinesis:us-east-1:123456789012:stream/s"),
                KinesisError.INVALID_ARGUMENT))
                .isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/s is not a valid channel ARN.");
    }
}
