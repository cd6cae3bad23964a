package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RemoveTagsFromStreamTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void removesTheGivenKeysAndIgnoresAbsentOnes() {
        kinesis.call("CreateStream", new CreateStreamRequest("s", 1, null, Map.of("a", "1", "b", "2"), null, null,
                null));
        kinesis.call("RemoveTagsFromStream", new RemoveTagsFromStreamRequest("s", List.of("a", "zzz"), null, null));
        ListTagsForStreamResponse tags = kinesis.call("ListTagsForStream",
                new ListTagsForStreamRequest("s", null, null, null, null));
        assertThat(tags.tags()).containsExactly(new Tag("b", "2"));
        assertThat(kinesis.message("RemoveTagsFromStream",
                new RemoveTagsFromStreamRequest("s", List.of("a%"), null, null), KinesisError.INVALID_ARGUMENT))
                .startsWith("Failed to remove tags from stream s under account 123456789012 because");
    }
}
