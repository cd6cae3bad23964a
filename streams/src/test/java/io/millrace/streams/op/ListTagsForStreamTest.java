package io.millrace.streams.op;

import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ListTagsForStreamTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void tagsArePagedInKeyOrder() {
        kinesis.call("CreateStream", new CreateStreamRequest("s", 1, null, Map.of("c", "3", "a", "1", "b", "2"),
                null, null, null));
        ListTagsForStreamResponse first = kinesis.call("ListTagsForStream",
                new ListTagsForStreamRequest("s", null, 2, null, null));
        assertThat(first.tags()).containsExactly(new Tag("a", "1"), new Tag("b", "2"));
        assertThat(first.hasMoreTags()).isTrue();
        ListTagsForStreamResponse rest = kinesis.call("ListTagsForStream",
                new ListTagsForStreamRequest("s", "b", 2, null, null));
        assertThat(rest.tags()).containsExactly(new Tag("c", "3"));
        assertThat(rest.hasMoreTags()).isFalse();
    }
}
