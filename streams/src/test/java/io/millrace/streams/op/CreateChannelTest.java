package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.ChannelDescription;
import io.millrace.streams.model.ChannelStatus;
import io.millrace.streams.model.S3TablesDestinationConfiguration;
import io.millrace.streams.ChannelRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.millrace.streams.ChannelRequests.CHANNEL_ARN_PREFIX;
import static io.millrace.streams.ChannelRequests.ROLE;
import static io.millrace.streams.ChannelRequests.channel;
import static io.millrace.streams.ChannelRequests.describe;
import static io.millrace.streams.ChannelRequests.s3;
import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

class CreateChannelTest {
    @TempDir
    Path s3Root;
    private EngineFixture kinesis;

    @BeforeEach
    void open() {
        kinesis = ChannelRequests.engine(s3Root);
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void aNewChannelIsCreatingWithEveryDefaultFilledInThenActive() {
        kinesis.call("CreateStream", createOnDemand("s"));
        ChannelResponse created = kinesis.call("CreateChannel", channel("c", "s"));
        ChannelDescription description = created.channelDescription();
        assertThat(description.channelStatus()).isEqualTo(ChannelStatus.CREATING);
        assertThat(description.channelARN()).isEqualTo(CHANNEL_ARN_PREFIX + "c");
        assertThat(description.channelId()).isNotBlank();
        assertThat(description.serviceExecutionRoleARN()).isEqualTo(ROLE);
        assertThat(description.s3DestinationConfiguration().dataFreshnessInSeconds()).isEqualTo(300);
        assertThat(description.s3DestinationConfiguration().deadLetterQueueS3Configuration().bucketARN())
                .isEqualTo("arn:aws:s3:::bucket");
        assertThat(description.loggingConfiguration().cloudWatchLogs().logGroupName())
                .isEqualTo("/aws/kinesis/c/" + description.channelId());
        assertThat(description.loggingConfiguration().cloudWatchLogs().logStreamName())
                .isEqualTo("DestinationDelivery");
        assertThat(description.streamConfigurationList()).singleElement()
                .satisfies(s -> assertThat(s.streamARN()).endsWith(":stream/s"));
        ChannelResponse later = kinesis.call("DescribeChannel", describe("c"));
        assertThat(later.channelDescription().channelStatus()).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void aTakenNameIsResourceInUse() {
        kinesis.call("CreateStream", createOnDemand("s"));
        kinesis.call("CreateChannel", channel("c", "s"));
        // [UNVERIFIED] message.
        assertThat(kinesis.message("CreateChannel", channel("c", "s"), KinesisError.RESOURCE_IN_USE))
                .isEqualTo("Channel c under account 123456789012 already exists.");
    }

    @Test
    void aProvisionedStreamIsRefused() {
        kinesis.call("CreateStream", create("p", 1));
        // [UNVERIFIED] message.
        assertThat(kinesis.message("CreateChannel", channel("c", "p"), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Stream p under account 123456789012 is not in ON_DEMAND mode; channels work only on "
                        + "on-demand streams.");
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertThat(kinesis.message("CreateChannel", channel("c", "nope"), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Stream nope under account 123456789012 not found.");
    }

    @Test
    void s3TablesAreNotSupported() {
        kinesis.call("CreateStream", createOnDemand("s"));
        CreateChannelRequest tables = new CreateChannelRequest("c", ROLE, channel("c", "s").streamConfigurationList(),
                null, new S3TablesDestinationConfiguration(60), null, null, null);
        // [UNVERIFIED] message.
        assertThat(kinesis.message("CreateChannel", tables, KinesisError.INVALID_ARGUMENT))
                .isEqualTo("S3TablesDestinationConfiguration (Apache Iceberg streaming tables) is not supported "
                        + "by this version of Millrace.");
    }

    @Test
    void bothOrNoDestinationsAreRefused() {
        kinesis.call("CreateStream", createOnDemand("s"));
        CreateChannelRequest none = new CreateChannelRequest("c", ROLE, channel("c", "s").streamConfigurationList(),
                null, null, null, null, null);
        // [UNVERIFIED] message.
        assertThat(kinesis.message("CreateChannel", none, KinesisError.INVALID_ARGUMENT)).isEqualTo(
                "Exactly one of S3DestinationConfiguration and S3TablesDestinationConfiguration must be specified.");
    }

    @Test
    void zstdIsNotSupportedYet() {
        kinesis.call("CreateStream", createOnDemand("s"));
        // [UNVERIFIED] message.
        assertThat(kinesis.message("CreateChannel", channel("c", "s", "JSON", s3("b", "ZSTD", null)),
                KinesisError.INVALID_ARGUMENT))
                .isEqualTo("CompressionType ZSTD is not supported by this version of Millrace yet; use NONE or GZIP.");
    }

    @Test
    void gsrJsonNeedsS3Tables() {
        kinesis.call("CreateStream", createOnDemand("s"));
        assertThat(kinesis.message("CreateChannel", channel("c", "s", "GSR_JSON", s3("b", "NONE", null)),
                KinesisError.INVALID_ARGUMENT)).startsWith("RecordFormatType GSR_JSON is not supported");
    }

    @Test
    void aMalformedBucketArnIsRefused() {
        kinesis.call("CreateStream", createOnDemand("s"));
        CreateChannelRequest request = channel("c", "s", "JSON", new io.millrace.streams.model
                .S3DestinationConfiguration(null, null, new io.millrace.streams.model.S3StorageConfiguration(
                        "arn:aws:s3:::../escape", "123456789012", null, null, "NONE")));
        assertThat(kinesis.message("CreateChannel", request, KinesisError.INVALID_ARGUMENT))
                .isEqualTo("BucketARN arn:aws:s3:::../escape is not a valid S3 bucket ARN.");
    }

    @Test
    void anEngineWithoutObjectStoreRefusesChannels() {
        try (EngineFixture plain = new EngineFixture()) {
            plain.call("CreateStream", createOnDemand("s"));
            assertThat(plain.message("CreateChannel", channel("c", "s"), KinesisError.INVALID_ARGUMENT))
                    .isEqualTo("This Millrace engine has no object store, so channels cannot deliver to "
                            + "S3.");
        }
    }

    @Test
    void theChannelCountShowsInDescribeLimitsAndTheStreamSummary() {
        kinesis.call("CreateStream", createOnDemand("s"));
        kinesis.call("CreateChannel", channel("c", "s"));
        DescribeLimitsResponse limits = kinesis.call("DescribeLimits", new DescribeLimitsRequest());
        assertThat(limits.channelCount()).isEqualTo(1);
        assertThat(limits.channelCountLimit()).isEqualTo(50);
        DescribeStreamSummaryResponse summary = kinesis.call("DescribeStreamSummary",
                io.millrace.streams.Requests.summary("s"));
        assertThat(summary.streamDescriptionSummary().channelCount()).isEqualTo(1);
    }
}
