package io.millrace.firehose.op;

import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeleteDeliveryStreamTest extends OperationTestBase {

    @Test
    void answersAnEmptyObjectAndTheStreamIsGone() {
        firehose.create("orders", "");
        EmptyResponse response = firehose.call("DeleteDeliveryStream", named("orders"));
        assertThat(firehose.json(response)).isEqualTo("{}");
        // [UNVERIFIED] message wording.
        assertFails("DescribeDeliveryStream", named("orders"), FirehoseError.RESOURCE_NOT_FOUND,
                "Firehose orders under account 123456789012 not found.");
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertFails("DeleteDeliveryStream", named("nope"), FirehoseError.RESOURCE_NOT_FOUND,
                "Firehose nope under account 123456789012 not found.");
    }

    @Test
    void bufferedRecordsAreDeliveredBeforeTheStreamGoes() {
        firehose.create("orders", "");
        firehose.put("orders", "last words");
        firehose.call("DeleteDeliveryStream", named("orders"));
        assertThat(firehose.objects()).hasSize(1);
        assertThat(firehose.content(firehose.objects().get(0))).isEqualTo("last words");
    }

    @Test
    void theNameCanBeReusedAndTheNewStreamStartsEmpty() {
        firehose.create("orders", "");
        firehose.call("DeleteDeliveryStream", named("orders"));
        firehose.create("orders", "");
        assertThat(firehose.engine.flushAll()).isZero();
    }
}
