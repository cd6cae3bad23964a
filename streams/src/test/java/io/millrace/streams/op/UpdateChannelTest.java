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

import io.millrace.streams.model.ChannelLoggingConfiguration;
import io.millrace.streams.model.CloudWatchLogs;
import io.millrace.streams.model.S3DestinationConfiguration;
import io.millrace.streams.model.S3TablesDestinationConfiguration;

import static io.millrace.streams.ChannelRequests.CHANNEL_ARN_PREFIX;
import static io.millrace.streams.ChannelRequests.channel;
import static io.millrace.streams.ChannelRequests.describe;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateChannelTest {
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

    private static UpdateChannelRequest freshness(int seconds) {
        return new UpdateChannelRequest(CHANNEL_ARN_PREFIX + "c", new S3DestinationConfiguration(seconds, null, null),
                null, null);
    }

    @Test
    void theFreshnessChangesAndTheChannelPassesThroughUpdating() {
        ChannelResponse created = kinesis.call("CreateChannel", channel("c", "s"));
        kinesis.call("DescribeChannel", describe("c")); // ACTIVE now
        ChannelResponse updated = kinesis.call("UpdateChannel", freshness(60));
        assertThat(updated.channelDescription().channelStatus()).isEqualTo(ChannelStatus.UPDATING);
        assertThat(updated.channelDescription().s3DestinationConfiguration().dataFreshnessInSeconds()).isEqualTo(60);
        assertThat(updated.channelDescription().s3DestinationConfiguration().storageConfiguration())
                .isEqualTo(created.channelDescription().s3DestinationConfiguration().storageConfiguration());
        ChannelResponse after = kinesis.call("DescribeChannel", describe("c"));
        assertThat(after.channelDescription().channelStatus()).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void loggingChangesKeepingNamesLeftOut() {
        ChannelResponse created = kinesis.call("CreateChannel", channel("c", "s"));
        kinesis.call("DescribeChannel", describe("c"));
        ChannelResponse updated = kinesis.call("UpdateChannel", new UpdateChannelRequest(CHANNEL_ARN_PREFIX + "c",
                null, null, new ChannelLoggingConfiguration(new CloudWatchLogs(true, null, "mine"))));
        CloudWatchLogs logs = updated.channelDescription().loggingConfiguration().cloudWatchLogs();
        assertThat(logs).isEqualTo(new CloudWatchLogs(true,
                created.channelDescription().loggingConfiguration().cloudWatchLogs().logGroupName(), "mine"));
    }

    @Test
    void aChannelStillCreatingIsResourceInUse() {
        try (EngineFixture slow = new EngineFixture(new io.millrace.log.memory.InMemoryLogStore(),
                kinesis.config.withStreamDelaysMs(5_000, 0, 0))) {
            slow.call("CreateStream", createOnDemand("s"));
            slow.clock.advanceMs(5_000);
            slow.call("CreateChannel", channel("c", "s"));
            // [UNVERIFIED] message.
            assertThat(slow.message("UpdateChannel", freshness(60), KinesisError.RESOURCE_IN_USE))
                    .isEqualTo("Channel c under account 123456789012 is in CREATING state, not ACTIVE.");
            slow.clock.advanceMs(5_000);
            slow.call("UpdateChannel", freshness(60));
        }
    }

    @Test
    void anS3TablesUpdateOfAnS3ChannelIsRefused() {
        kinesis.call("CreateChannel", channel("c", "s"));
        assertThat(kinesis.message("UpdateChannel", new UpdateChannelRequest(CHANNEL_ARN_PREFIX + "c", null,
                new S3TablesDestinationConfiguration(60), null), KinesisError.INVALID_ARGUMENT))
                .startsWith("Channel c delivers to a general purpose S3 bucket");
    }

    @Test
    void anUpdateChangingNothingIsRefused() {
        kinesis.call("CreateChannel", channel("c", "s"));
        kinesis.fails("UpdateChannel", new UpdateChannelRequest(CHANNEL_ARN_PREFIX + "c", null, null, null),
                KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void anUnknownChannelIsResourceNotFound() {
        kinesis.fails("UpdateChannel", freshness(60), KinesisError.RESOURCE_NOT_FOUND);
    }
}
