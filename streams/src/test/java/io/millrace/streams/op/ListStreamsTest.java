package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.StreamSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class ListStreamsTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    private ListStreamsResponse list(Integer limit, String start, String token) {
        return kinesis.call("ListStreams", new ListStreamsRequest(limit, start, token));
    }

    @Test
    void noStreamsListsEmpty() {
        ListStreamsResponse response = list(null, null, null);
        assertThat(response.streamNames()).isEmpty();
        assertThat(response.hasMoreStreams()).isFalse();
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void streamsArePagedInNameOrderByTokenOrStartName() {
        for (String name : new String[] {"c", "a", "b"}) {
            kinesis.call("CreateStream", create(name, 1));
        }
        ListStreamsResponse page1 = list(2, null, null);
        assertThat(page1.streamNames()).containsExactly("a", "b");
        assertThat(page1.streamSummaries()).extracting(StreamSummary::streamARN)
                .containsExactly("arn:aws:kinesis:us-east-1:123456789012:stream/a",
                        "arn:aws:kinesis:us-east-1:123456789012:stream/b");
        assertThat(page1.hasMoreStreams()).isTrue();
        ListStreamsResponse page2 = list(2, null, page1.nextToken());
        assertThat(page2.streamNames()).containsExactly("c");
        assertThat(page2.hasMoreStreams()).isFalse();
        assertThat(list(null, "a", null).streamNames()).containsExactly("b", "c");
    }

    @Test
    void tokensExpireAndForgedTokensAreRefused() {
        kinesis.call("CreateStream", create("a", 1));
        kinesis.call("CreateStream", create("b", 1));
        String token = list(1, null, null).nextToken();
        kinesis.fails("ListStreams", new ListStreamsRequest(null, null, token + "x"), KinesisError.INVALID_ARGUMENT);
        kinesis.clock.advanceMs(300_001);
        kinesis.fails("ListStreams", new ListStreamsRequest(null, null, token), KinesisError.EXPIRED_NEXT_TOKEN);
    }

    @Test
    void otherAccountsDoNotSeeTheStreams() {
        kinesis.call("CreateStream", create("a", 1));
        ListStreamsResponse other = kinesis.call("ListStreams", new ListStreamsRequest(null, null, null),
                new RequestContext("999999999999", "us-east-1", "r"));
        assertThat(other.streamNames()).isEmpty();
    }
}
