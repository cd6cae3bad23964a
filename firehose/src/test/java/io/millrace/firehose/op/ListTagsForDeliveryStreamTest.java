package io.millrace.firehose.op;

import io.millrace.firehose.model.Tag;
import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListTagsForDeliveryStreamTest extends OperationTestBase {

    @Test
    void pagesThroughTagsInKeyOrder() {
        firehose.create("s", "");
        firehose.call("TagDeliveryStream", "{\"DeliveryStreamName\":\"s\",\"Tags\":[{\"Key\":\"c\",\"Value\":\"3\"},"
                + "{\"Key\":\"a\",\"Value\":\"1\"},{\"Key\":\"b\",\"Value\":\"2\"}]}");
        ListTagsForDeliveryStreamResponse first = firehose.call("ListTagsForDeliveryStream",
                "{\"DeliveryStreamName\":\"s\",\"Limit\":2}");
        assertThat(first.tags()).containsExactly(new Tag("a", "1"), new Tag("b", "2"));
        assertThat(first.hasMoreTags()).isTrue();
        ListTagsForDeliveryStreamResponse rest = firehose.call("ListTagsForDeliveryStream",
                "{\"DeliveryStreamName\":\"s\",\"ExclusiveStartTagKey\":\"b\"}");
        assertThat(firehose.json(rest)).isEqualTo("{\"Tags\":[{\"Key\":\"c\",\"Value\":\"3\"}],\"HasMoreTags\":false}");
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertFails("ListTagsForDeliveryStream", named("nope"), FirehoseError.RESOURCE_NOT_FOUND,
                "Firehose nope under account 123456789012 not found.");
    }
}
