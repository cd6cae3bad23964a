package io.millrace.streams.op;

import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UntagResourceTest {
    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void removesTagsFromAStreamAddressedByArn() {
        kinesis.call("CreateStream", new CreateStreamRequest("s", 1, null, Map.of("a", "1", "b", "2"), null, null,
                null));
        kinesis.call("UntagResource", new UntagResourceRequest(List.of("b"), ARN, null));
        ListTagsForResourceResponse tags = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest(ARN, null));
        assertThat(tags.tags()).containsExactly(new Tag("a", "1"));
    }
}
