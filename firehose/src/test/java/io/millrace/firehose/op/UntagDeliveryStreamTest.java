package io.millrace.firehose.op;

import io.millrace.firehose.model.Tag;
import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UntagDeliveryStreamTest extends OperationTestBase {

    @Test
    void removesNamedTagsAndIgnoresUnknownKeys() {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"s\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"1\"},"
                + "{\"Key\":\"b\",\"Value\":\"2\"}],\"ExtendedS3DestinationConfiguration\":{"
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\",\"BucketARN\":\"arn:aws:s3:::my-bucket\"}}");
        EmptyResponse response = firehose.call("UntagDeliveryStream",
                "{\"DeliveryStreamName\":\"s\",\"TagKeys\":[\"a\",\"zzz\"]}");
        assertThat(firehose.json(response)).isEqualTo("{}");
        ListTagsForDeliveryStreamResponse tags = firehose.call("ListTagsForDeliveryStream", named("s"));
        assertThat(tags.tags()).containsExactly(new Tag("b", "2"));
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertFails("UntagDeliveryStream", "{\"DeliveryStreamName\":\"nope\",\"TagKeys\":[\"k\"]}",
                FirehoseError.RESOURCE_NOT_FOUND, "Firehose nope under account 123456789012 not found.");
    }
}
