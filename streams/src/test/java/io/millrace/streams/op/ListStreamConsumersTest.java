package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.millrace.streams.Requests.STREAM_ARN_PREFIX;
import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.register;
import static org.assertj.core.api.Assertions.assertThat;

class ListStreamConsumersTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void pagesWalkEveryConsumerInRegistrationOrder() {
        kinesis.call("CreateStream", create("s", 1));
        for (String name : List.of("b", "a", "c", "e", "d")) {
            kinesis.call("RegisterStreamConsumer", register("s", name));
        }
        List<String> seen = new ArrayList<>();
        ListStreamConsumersResponse page = kinesis.call("ListStreamConsumers", list(null, 2));
        page.consumers().forEach(c -> seen.add(c.consumerName()));
        int pages = 1;
        while (page.nextToken() != null) {
            page = kinesis.call("ListStreamConsumers", list(page.nextToken(), 2));
            page.consumers().forEach(c -> seen.add(c.consumerName()));
            pages++;
        }
        assertThat(seen).containsExactly("b", "a", "c", "e", "d");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aStreamWithoutConsumersListsNone() {
        kinesis.call("CreateStream", create("s", 1));
        ListStreamConsumersResponse page = kinesis.call("ListStreamConsumers", list(null, null));
        assertThat(page.consumers()).isEmpty();
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void aNextTokenExpiresAfterFiveMinutes() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("RegisterStreamConsumer", register("s", "a"));
        kinesis.call("RegisterStreamConsumer", register("s", "b"));
        ListStreamConsumersResponse page = kinesis.call("ListStreamConsumers", list(null, 1));
        kinesis.clock.advanceMs(300_001);
        assertThat(kinesis.message("ListStreamConsumers", list(page.nextToken(), 1),
                KinesisError.EXPIRED_NEXT_TOKEN))
                .isEqualTo("The NextToken has expired (issued 300001 ms ago, tokens are valid for 300000 ms).");
    }

    @Test
    void aTokenOfAnotherStreamIsAnInvalidArgument() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("CreateStream", create("t", 1));
        kinesis.call("RegisterStreamConsumer", register("s", "a"));
        kinesis.call("RegisterStreamConsumer", register("s", "b"));
        String token = ((ListStreamConsumersResponse) kinesis.call("ListStreamConsumers", list(null, 1))).nextToken();
        assertThat(kinesis.message("ListStreamConsumers",
                new ListStreamConsumersRequest(STREAM_ARN_PREFIX + "t", token, null, null, null),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("Invalid NextToken.");
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertThat(kinesis.message("ListStreamConsumers", list(null, null), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Stream s under account 123456789012 not found.");
    }

    private static ListStreamConsumersRequest list(String token, Integer max) {
        return new ListStreamConsumersRequest(STREAM_ARN_PREFIX + "s", token, max, null, null);
    }
}
