package io.millrace.firehose.op;

import io.millrace.firehose.model.Tag;
import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TagDeliveryStreamTest extends OperationTestBase {

    @Test
    void addsAndOverwritesTags() {
        firehose.create("s", "");
        firehose.call("TagDeliveryStream", "{\"DeliveryStreamName\":\"s\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"a\"}]}");
        firehose.call("TagDeliveryStream", "{\"DeliveryStreamName\":\"s\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"b\"},"
                + "{\"Key\":\"env\"}]}");
        ListTagsForDeliveryStreamResponse tags = firehose.call("ListTagsForDeliveryStream", named("s"));
        assertThat(tags.tags()).containsExactly(new Tag("env", ""), new Tag("team", "b"));
    }

    @Test
    void moreThanFiftyTagsIsLimitExceeded() {
        firehose.create("s", "");
        String fifty = IntStream.range(0, 50).mapToObj(i -> "{\"Key\":\"k" + i + "\"}")
                .collect(Collectors.joining(","));
        firehose.call("TagDeliveryStream", "{\"DeliveryStreamName\":\"s\",\"Tags\":[" + fifty + "]}");
        // [UNVERIFIED] message wording.
        assertFails("TagDeliveryStream", "{\"DeliveryStreamName\":\"s\",\"Tags\":[{\"Key\":\"one-more\"}]}",
                FirehoseError.LIMIT_EXCEEDED, "A delivery stream cannot have more than 50 tags.");
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertFails("TagDeliveryStream", "{\"DeliveryStreamName\":\"nope\",\"Tags\":[{\"Key\":\"k\"}]}",
                FirehoseError.RESOURCE_NOT_FOUND, "Firehose nope under account 123456789012 not found.");
    }
}
