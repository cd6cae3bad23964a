package io.millrace.firehose.op;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutRecordTest extends OperationTestBase {

    @Test
    void answersAUniqueRecordIdAndBuffersTheRecord() {
        firehose.create("s", "");
        PutRecordResponse first = firehose.call("PutRecord", put("s", "aGVsbG8="));
        PutRecordResponse second = firehose.call("PutRecord", put("s", ""));
        assertThat(first.recordId()).isNotEqualTo(second.recordId()).hasSizeGreaterThan(32);
        assertThat(firehose.json(first)).isEqualTo("{\"RecordId\":\"" + first.recordId() + "\",\"Encrypted\":false}");
        assertThat(firehose.engine.flushAll()).isEqualTo(1);
        assertThat(firehose.content(firehose.objects().get(0))).isEqualTo("hello");
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        // [UNVERIFIED] message wording.
        assertFails("PutRecord", put("nope", "AA=="), FirehoseError.RESOURCE_NOT_FOUND,
                "Firehose nope under account 123456789012 not found.");
    }

    @Test
    void recordsOver1000KibAreRefusedByTheModel() {
        firehose.create("s", "");
        String tooLarge = Base64.getEncoder().encodeToString(new byte[1_024_001]);
        assertThatThrownBy(() -> firehose.call("PutRecord", put("s", tooLarge)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.VALIDATION);
                    assertThat(e.wireMessage()).startsWith("1 validation error detected: Value 'java.nio.HeapByteBuffer")
                            .endsWith("at 'record.data' failed to satisfy constraint: Member must have length less "
                                    + "than or equal to 1024000");
                });
    }

    @Test
    void aRecordOfExactly1000KibIsAccepted() {
        firehose.create("s", "");
        String largest = Base64.getEncoder().encodeToString(new byte[1_024_000]);
        PutRecordResponse response = firehose.call("PutRecord", put("s", largest));
        assertThat(response.recordId()).isNotEmpty();
    }

    static String put(String name, String base64) {
        return "{\"DeliveryStreamName\":\"" + name + "\",\"Record\":{\"Data\":\"" + base64 + "\"}}";
    }
}
