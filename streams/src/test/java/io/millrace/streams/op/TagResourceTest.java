package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

/** TagResource, UntagResource and ListTagsForResource address streams by ARN. */
class TagResourceTest {
    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void tagsAStreamByArnAndListsThem() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("TagResource", new TagResourceRequest(Map.of("team", "data", "env", "dev"), ARN, null));
        ListTagsForResourceResponse tags = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest(ARN, null));
        assertThat(tags.tags()).containsExactly(new Tag("env", "dev"), new Tag("team", "data"));
    }

    @Test
    void unknownResourcesAreNotFound() {
        kinesis.fails("TagResource", new TagResourceRequest(Map.of("a", "b"), ARN, null),
                KinesisError.RESOURCE_NOT_FOUND);
        kinesis.fails("ListTagsForResource", new ListTagsForResourceRequest(ARN + "/consumer/c:1", null),
                KinesisError.RESOURCE_NOT_FOUND);
    }
}
