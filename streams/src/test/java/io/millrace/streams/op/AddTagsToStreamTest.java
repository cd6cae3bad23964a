package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class AddTagsToStreamTest {
    private final EngineFixture kinesis = new EngineFixture();

    @BeforeEach
    void createStream() {
        kinesis.call("CreateStream", create("s", 1));
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static AddTagsToStreamRequest add(Map<String, String> tags) {
        return new AddTagsToStreamRequest("s", tags, null, null);
    }

    @Test
    void tagsAreAddedAndOverwritten() {
        kinesis.call("AddTagsToStream", add(Map.of("b", "1", "a", "x y")));
        kinesis.call("AddTagsToStream", add(Map.of("b", "2")));
        ListTagsForStreamResponse tags = kinesis.call("ListTagsForStream",
                new ListTagsForStreamRequest("s", null, null, null, null));
        assertThat(tags.tags()).containsExactly(new Tag("a", "x y"), new Tag("b", "2"));
    }

    @Test
    void fiftyTagsAreFineButFiftyOneAreRefused() {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            tags.put("k" + i, "v");
        }
        kinesis.call("AddTagsToStream", add(tags));
        assertThat(kinesis.message("AddTagsToStream", add(Map.of("one-more", "v")), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Failed to add tags to stream s under account 123456789012 because a given stream cannot "
                        + "have more than 10 tags associated with it.");
    }

    @Test
    void invalidCharactersAreRefusedWithTheRecordedMessages() {
        assertThat(kinesis.message("AddTagsToStream", add(Map.of("a;b", "v")), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Some tags contain invalid characters. Valid characters: Unicode letters, digits, white "
                        + "space, _ . / = + - % @.");
        kinesis.fails("AddTagsToStream", add(Map.of("a", "tab\there")), KinesisError.INVALID_ARGUMENT);
        assertThat(kinesis.message("AddTagsToStream", add(Map.of("a", "50%")), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Failed to add tags to stream s under account 123456789012 because some tags contained "
                        + "illegal characters. The allowed characters are Unicode letters, white-spaces, "
                        + "'_',',','/','=','+','-','@'.");
        kinesis.call("AddTagsToStream", add(Map.of("Ünïcode_./=+-@:", "ok")));
    }

    @Test
    void taggingAMissingStreamIsResourceNotFound() {
        kinesis.fails("AddTagsToStream", new AddTagsToStreamRequest("nope", Map.of("a", "b"), null, null),
                KinesisError.RESOURCE_NOT_FOUND);
    }
}
