package io.millrace.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input over the wire gets the error AWS gives — type, message, status, headers — and the server keeps
 * serving afterwards. Raw HTTP where the SDK would refuse to send the input, the SDK where it would.
 */
class ProtocolErrorsIT {
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String CBOR = "application/x-amz-cbor-1.1";
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final ObjectMapper CBOR_MAPPER = new CBORMapper();

    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    private static HttpClient http;
    private static KinesisClient kinesis;

    @BeforeAll
    static void clients() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        kinesis = Clients.sync(SERVER.httpEndpoint(), true);
    }

    @AfterAll
    static void close() {
        kinesis.close();
    }

    @Test
    void malformedJsonIsASerializationExceptionWithoutMessage() throws Exception {
        HttpResponse<byte[]> response = post("ListStreams", JSON, "{\"Limit\":".getBytes(StandardCharsets.UTF_8));
        assertError(response, 400, "SerializationException", null, JSON_MAPPER);
        assertServerStillServes();
    }

    @Test
    void malformedCborIsASerializationExceptionWithoutMessage() throws Exception {
        HttpResponse<byte[]> response = post("ListStreams", CBOR, new byte[] {(byte) 0xbf, 0x61});
        assertError(response, 400, "SerializationException", null, CBOR_MAPPER);
        assertServerStillServes();
    }

    @Test
    void typeErrorsUseTheCapitalisedMessageKey() throws Exception {
        HttpResponse<byte[]> response = post("CreateStream", JSON,
                "{\"StreamName\":true,\"ShardCount\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON_MAPPER.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo("SerializationException");
        assertThat(body.path("Message").asText())
                .isEqualTo("class java.lang.Boolean can not be converted to an String");
    }

    @Test
    void unknownOperationIsRejected() throws Exception {
        HttpResponse<byte[]> response = post("ListStream", JSON, "{}".getBytes(StandardCharsets.UTF_8));
        assertError(response, 400, "UnknownOperationException", null, JSON_MAPPER);
        HttpResponse<byte[]> cbor = post("Nope", CBOR, CBOR_MAPPER.writeValueAsBytes(JSON_MAPPER.createObjectNode()));
        assertError(cbor, 400, "UnknownOperationException", null, CBOR_MAPPER);
    }

    @Test
    void emptyBodyWithoutContentTypeGetsACborAnswer() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(SERVER.httpEndpoint())
                .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertError(response, 400, "SerializationException", null, CBOR_MAPPER);
    }

    @Test
    void unsupportedContentTypeTakesTheXmlPath() throws Exception {
        HttpResponse<byte[]> response = post("ListStreams", "application/x-amz-json-1.0",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("<UnknownOperationException/>\n");
        assertServerStillServes();
    }

    @Test
    void validationErrorsCarryAwsText() throws Exception {
        HttpResponse<byte[]> response = post("CreateStream", JSON,
                "{\"StreamName\":\"\",\"ShardCount\":0}".getBytes(StandardCharsets.UTF_8));
        assertError(response, 400, "ValidationException", "3 validation errors detected: ", JSON_MAPPER);
        String message = JSON_MAPPER.readTree(response.body()).path("message").asText();
        assertThat(message).contains("Value '0' at 'shardCount' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 1");
        assertThat(message).contains("Value '' at 'streamName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThat(message).contains("Value '' at 'streamName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1");
    }

    @Test
    void oversizeBodyGets413AndTheServerKeepsServing() throws Exception {
        byte[] huge = new byte[32 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        HttpResponse<byte[]> response = post("PutRecord", JSON, huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertServerStillServes();
    }

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        HttpResponse<byte[]> ok = post("ListStreams", JSON, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(ok.headers().firstValue("Content-Type")).hasValue(JSON);
        HttpResponse<byte[]> bad = post("ListStreams", JSON, "nope".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void sdkSeesTypedExceptionsWithAwsMessages() {
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName("does-not-exist")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Stream does-not-exist under account 000000000000 not found.");
        assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator("not-an-iterator")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid ShardIterator.");
        assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName("bad name!").shardCount(1)))
                .isInstanceOf(KinesisException.class)
                .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    private static void assertServerStillServes() {
        assertThat(kinesis.listStreams().hasMoreStreams()).isNotNull();
    }

    private static HttpResponse<byte[]> post(String operation, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(SERVER.httpEndpoint())
                .header("Content-Type", contentType)
                .header("X-Amz-Target", "Kinesis_20131202." + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String type, String messagePrefix,
                                    ObjectMapper mapper) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo(type);
        if (messagePrefix == null) {
            assertThat(body.has("message")).isFalse();
            assertThat(body.has("Message")).isFalse();
        } else {
            assertThat(body.path("message").asText()).startsWith(messagePrefix);
        }
    }
}
