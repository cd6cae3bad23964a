package io.millrace.streams.op;

import io.millrace.streams.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class ListTagsForResourceTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void aStreamWithoutTagsListsAnEmptyList() {
        kinesis.call("CreateStream", create("s", 1));
        ListTagsForResourceResponse tags = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest("arn:aws:kinesis:us-east-1:123456789012:stream/s", null));
        assertThat(tags.tags()).isEmpty();
    }
}
