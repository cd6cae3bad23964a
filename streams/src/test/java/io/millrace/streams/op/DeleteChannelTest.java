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
import static io.millrace.streams.ChannelRequests.delete;
import static io.millrace.streams.ChannelRequests.describe;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

class DeleteChannelTest {
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
    void aDeletedChannelIsGoneAndItsNameFree() {
        kinesis.call("CreateChannel", channel("c", "s"));
        kinesis.call("DeleteChannel", delete("c"));
        kinesis.fails("DescribeChannel", describe("c"), KinesisError.RESOURCE_NOT_FOUND);
        ChannelResponse again = kinesis.call("CreateChannel", channel("c", "s"));
        assertThat(again.channelDescription().channelStatus()).isEqualTo(ChannelStatus.CREATING);
    }

    @Test
    void aStreamWithAChannelCannotBeDeletedUntilTheChannelIs() {
        kinesis.call("CreateChannel", channel("c", "s"));
        // [UNVERIFIED] message; the refusal is documented.
        assertThat(kinesis.message("DeleteStream", new DeleteStreamRequest("s", null, null, null),
                KinesisError.RESOURCE_IN_USE)).isEqualTo("Stream s under account 123456789012 has channels. "
                        + "Delete them first (ListChannels with a StreamFilter finds them).");
        kinesis.call("DeleteChannel", delete("c"));
        kinesis.call("DeleteStream", new DeleteStreamRequest("s", null, null, null));
    }

    @Test
    void aDeletingChannelStaysDeletingForTheDeleteDelay() {
        try (EngineFixture slow = new EngineFixture(new io.millrace.log.memory.InMemoryLogStore(),
                kinesis.config.withStreamDelaysMs(0, 5_000, 0))) {
            slow.call("CreateStream", createOnDemand("s"));
            slow.call("CreateChannel", channel("c", "s"));
            slow.call("DeleteChannel", delete("c"));
            ChannelResponse deleting = slow.call("DescribeChannel", describe("c"));
            assertThat(deleting.channelDescription().channelStatus()).isEqualTo(ChannelStatus.DELETING);
            slow.call("DeleteChannel", delete("c")); // repeating changes nothing
            slow.clock.advanceMs(5_000);
            slow.fails("DescribeChannel", describe("c"), KinesisError.RESOURCE_NOT_FOUND);
        }
    }

    @Test
    void anUnknownChannelIsResourceNotFound() {
        kinesis.fails("DeleteChannel", delete("nope"), KinesisError.RESOURCE_NOT_FOUND);
    }
}
