package io.millrace.protocol.model;

import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.protocol.codec.WireFormat;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirehoseModelTest {

    @Test
    void theBundledFirehoseModelHasItsTwelveOperations() {
        assertThat(ServiceModel.firehose().operationNames()).hasSize(12)
                .contains("CreateDeliveryStream", "PutRecordBatch", "UpdateDestination")
                .doesNotContain("PutRecords");
    }

    @Test
    void firehoseRequestsAreValidatedWithTheSharedMessages() {
        KinesisProtocol firehose = KinesisProtocol.of(ServiceModel.firehose());
        byte[] body = "{\"DeliveryStreamName\":\"\",\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> firehose.decode("PutRecordBatch", WireFormat.JSON, body))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.VALIDATION);
                    assertThat(e.wireMessage()).isEqualTo("3 validation errors detected: Value '' at "
                            + "'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'deliveryStreamName' failed to "
                            + "satisfy constraint: Member must have length greater than or equal to 1; Value '[]' at "
                            + "'records' failed to satisfy constraint: Member must have length greater than or "
                            + "equal to 1");
                });
    }

    @Test
    void firehoseErrorTypesAreDistinctAndServiceUnavailableIsRetryable() {
        assertThat(Arrays.stream(FirehoseError.values()).map(FirehoseError::type).distinct())
                .hasSize(FirehoseError.values().length);
        assertThat(FirehoseError.SERVICE_UNAVAILABLE.type()).isEqualTo("ServiceUnavailableException");
        assertThat(FirehoseError.SERVICE_UNAVAILABLE.isRetryable()).isTrue();
        assertThat(FirehoseError.CONCURRENT_MODIFICATION.exception("x %s", 1).wireMessage()).isEqualTo("x 1");
    }
}
