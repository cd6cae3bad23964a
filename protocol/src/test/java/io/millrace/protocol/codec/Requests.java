package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.protocol.error.ApiException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Small helpers for decoding JSON request bodies in tests. */
final class Requests {
    static final KinesisProtocol PROTOCOL = KinesisProtocol.kinesis();

    private Requests() {
    }

    static JsonNode decodeJson(String operation, String json) {
        return PROTOCOL.decode(operation, WireFormat.JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The exception decoding {@code json} raises; fails the test if it decodes. */
    static ApiException failure(String operation, String json) {
        ApiException error = catchThrowableOfType(ApiException.class, () -> decodeJson(operation, json));
        if (error == null) {
            assertThatThrownBy(() -> decodeJson(operation, json)).as("decoding should fail").isNotNull();
        }
        return error;
    }

    static String repeat(char c, int count) {
        return String.valueOf(c).repeat(count);
    }
}
