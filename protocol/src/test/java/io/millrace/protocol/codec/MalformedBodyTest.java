package io.millrace.protocol.codec;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static io.millrace.protocol.codec.Requests.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MalformedBodyTest {

    private static ApiException decodeFailure(String operation, WireFormat format, byte[] body) {
        return catchThrowableOfType(ApiException.class, () -> PROTOCOL.decode(operation, format, body));
    }

    private static void assertBareSerializationError(ApiException error) {
        assertThat(error).isNotNull();
        assertThat(error.error()).isEqualTo(KinesisError.SERIALIZATION);
        assertThat(error.wireMessage()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"StreamName\":}", "nope", "[]", "\"s\"", "12", "null", "{} {}", "{}x",
            "{\"StreamName\":\"s\"} trailing", "{'StreamName':'s'}"})
    void unparseableOrNonObjectJsonIsASerializationExceptionWithoutMessage(String body) {
        assertBareSerializationError(decodeFailure("ListStreams", WireFormat.JSON,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "bf", "a1", "a16153", "80", "6173", "a0a0", "a161736173ff"})
    void unparseableOrNonMapCborIsASerializationExceptionWithoutMessage(String hex) {
        assertBareSerializationError(decodeFailure("ListStreams", WireFormat.CBOR, HexFormat.of().parseHex(hex)));
    }

    @Test
    void anEmptyBodyIsASerializationExceptionForAKnownOperation() {
        assertBareSerializationError(decodeFailure("ListStreams", WireFormat.JSON, new byte[0]));
        assertBareSerializationError(decodeFailure("ListStreams", WireFormat.CBOR, null));
    }

    @Test
    void anEmptyBodyForAnUnknownOperationIsUnknownOperation() {
        ApiException error = decodeFailure("ListStream", WireFormat.CBOR, new byte[0]);
        assertThat(error.error()).isEqualTo(KinesisError.UNKNOWN_OPERATION);
        assertThat(error.wireMessage()).isNull();
    }

    @Test
    void garbageIsASerializationExceptionEvenForAnUnknownOperationButAValidBodyIsNot() {
        assertBareSerializationError(decodeFailure("Nope", WireFormat.JSON, "{".getBytes(StandardCharsets.UTF_8)));
        ApiException error = decodeFailure("Nope", WireFormat.JSON, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(error.error()).isEqualTo(KinesisError.UNKNOWN_OPERATION);
    }

    @Test
    void indefiniteLengthCborMapsAreAccepted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("StreamName", "s");
            gen.writeEndObject();
        }
        assertThat(out.toByteArray()[0] & 0xff).isEqualTo(0xbf);
        assertThat(PROTOCOL.decode("DescribeStream", WireFormat.CBOR, out.toByteArray()).get("StreamName").asText())
                .isEqualTo("s");
    }

    @Test
    void bareErrorsEncodeWithTypeOnlyInBothFormats() throws IOException {
        ApiException error = KinesisError.SERIALIZATION.withoutMessage();
        assertThat(new String(PROTOCOL.encodeError(error, WireFormat.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"SerializationException\"}");
        byte[] cbor = PROTOCOL.encodeError(error, WireFormat.CBOR);
        assertThat(cbor[0] & 0xff).as("definite-length map of one pair").isEqualTo(0xa1);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper(new CBORFactory()).readTree(cbor).toString())
                .isEqualTo("{\"__type\":\"SerializationException\"}");
    }

    @Test
    void ordinaryErrorsUseTheLowerCaseMessageKey() {
        ApiException error = KinesisError.RESOURCE_NOT_FOUND.exception(
                "Stream %s under account %s not found.", "s", "000000000000");
        assertThat(new String(PROTOCOL.encodeError(error, WireFormat.JSON), StandardCharsets.UTF_8)).isEqualTo(
                "{\"__type\":\"ResourceNotFoundException\","
                + "\"message\":\"Stream s under account 000000000000 not found.\"}");
    }
}
