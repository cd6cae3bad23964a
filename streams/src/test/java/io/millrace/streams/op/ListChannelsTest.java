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

import io.millrace.streams.model.ChannelStreamIdentifier;
import io.millrace.streams.model.ChannelSummary;
import io.millrace.streams.model.ChannelDestinationType;

import java.util.ArrayList;
import java.util.List;

import static io.millrace.streams.ChannelRequests.channel;
import static io.millrace.streams.Requests.STREAM_ARN_PREFIX;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

class ListChannelsTest {
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
    void pagesWalkEveryChannelInNameOrder() {
        for (String name : List.of("b", "a", "e", "c", "d")) {
            kinesis.call("CreateChannel", channel(name, "s"));
        }
        List<String> seen = new ArrayList<>();
        ListChannelsResponse page = kinesis.call("ListChannels", new ListChannelsRequest(null, 2, null));
        page.channelSummaries().forEach(c -> seen.add(c.channelName()));
        int pages = 1;
        while (page.nextToken() != null) {
            page = kinesis.call("ListChannels", new ListChannelsRequest(null, 2, page.nextToken()));
            page.channelSummaries().forEach(c -> seen.add(c.channelName()));
            pages++;
        }
        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aStreamFilterKeepsOnlyThatStreamsChannels() {
        kinesis.call("CreateStream", createOnDemand("t"));
        kinesis.call("CreateChannel", channel("on-s", "s"));
        kinesis.call("CreateChannel", channel("on-t", "t"));
        ListChannelsResponse page = kinesis.call("ListChannels", new ListChannelsRequest(
                List.of(new ChannelStreamIdentifier(STREAM_ARN_PREFIX + "t", null)), null, null));
        assertThat(page.channelSummaries()).extracting(ChannelSummary::channelName).containsExactly("on-t");
        ChannelSummary summary = page.channelSummaries().get(0);
        assertThat(summary.channelDestinationType()).isEqualTo(ChannelDestinationType.S3);
        assertThat(summary.streams()).extracting(ChannelStreamIdentifier::streamARN)
                .containsExactly(STREAM_ARN_PREFIX + "t");
    }

    @Test
    void maxResultsAboveOneHundredYieldsOneHundred() {
        for (int i = 0; i < 50; i++) {
            kinesis.call("CreateChannel", channel(String.format("c%02d", i), "s"));
        }
        ListChannelsResponse page = kinesis.call("ListChannels", new ListChannelsRequest(null, 1000, null));
        assertThat(page.channelSummaries()).hasSize(50);
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void theFiftyFirstChannelIsLimitExceeded() {
        for (int i = 0; i < 50; i++) {
            kinesis.call("CreateChannel", channel(String.format("c%02d", i), "s"));
        }
        kinesis.fails("CreateChannel", channel("one-more", "s"), KinesisError.LIMIT_EXCEEDED);
    }

    @Test
    void aNextTokenExpiresAfterFiveMinutes() {
        kinesis.call("CreateChannel", channel("a", "s"));
        kinesis.call("CreateChannel", channel("b", "s"));
        ListChannelsResponse page = kinesis.call("ListChannels", new ListChannelsRequest(null, 1, null));
        kinesis.clock.advanceMs(300_001);
        kinesis.fails("ListChannels", new ListChannelsRequest(null, 1, page.nextToken()),
                KinesisError.EXPIRED_NEXT_TOKEN);
    }

    @Test
    void noChannelsListsNone() {
        ListChannelsResponse page = kinesis.call("ListChannels", new ListChannelsRequest(null, null, null));
        assertThat(page.channelSummaries()).isEmpty();
        assertThat(page.nextToken()).isNull();
    }
}
