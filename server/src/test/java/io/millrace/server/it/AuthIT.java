package io.millrace.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --auth=sigv4} with the real SDK: right credentials work (sync CBOR, async h2c, session tokens, presigned
 * requests); wrong secrets, changed bodies, old signatures, unknown keys and unsigned requests fail with AWS's error
 * types and texts; identity and resource policies decide access; accounts and regions do not see each other.
 */
class AuthIT {
    private static final String ALICE_ACCOUNT = "111111111111";
    private static final String BOB_ACCOUNT = "222222222222";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";

    @RegisterExtension
    static final TestServer SERVER = TestServer.signed("""
            {"identities": [
              {"accessKeyId": "AKIDALICE", "secretAccessKey": "alice-secret", "accountId": "111111111111",
               "user": "alice"},
              {"accessKeyId": "ASIATEMP", "secretAccessKey": "temp-secret", "accountId": "111111111111",
               "user": "temp", "sessionToken": "the-token"},
              {"accessKeyId": "AKIDREADER", "secretAccessKey": "reader-secret", "accountId": "111111111111",
               "user": "reader", "policy": {"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": ["kinesis:Describe*", "kinesis:List*"], "Resource": "*"}]}},
              {"accessKeyId": "AKIDOPERATOR", "secretAccessKey": "operator-secret",
               "accountId": "111111111111", "user": "operator", "policy": {"Statement": [
                 {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*"},
                 {"Effect": "Deny", "Action": "kinesis:DeleteStream",
                  "Resource": "arn:aws:kinesis:*:111111111111:stream/*"}]}},
              {"accessKeyId": "AKIDBOB", "secretAccessKey": "bob-secret", "accountId": "222222222222",
               "user": "bob"}
            ]}""");

    private static KinesisClient alice;
    private static HttpClient http;

    @BeforeAll
    static void createStreams() {
        alice = client("AKIDALICE", "alice-secret");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        alice.createStream(r -> r.streamName("orders").shardCount(1));
        alice.createStream(r -> r.streamName("shared").shardCount(1));
    }

    @AfterAll
    static void close() {
        alice.close();
    }

    @Test
    void theRightCredentialsWorkWithTheSyncCborClient() {
        alice.putRecord(r -> r.streamName("orders").partitionKey("k").data(SdkBytes.fromUtf8String("v")));
        assertThat(alice.describeStreamSummary(r -> r.streamName("orders")).streamDescriptionSummary().streamARN())
                .isEqualTo("arn:aws:kinesis:us-east-1:111111111111:stream/orders");
    }

    @Test
    void theRightCredentialsWorkWithTheAsyncClientOverH2c() {
        try (KinesisAsyncClient async = Clients.async(SERVER.httpEndpoint(), true, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDALICE", "alice-secret")))) {
            assertThat(async.listStreams().join().streamNames()).contains("orders");
        }
    }

    @Test
    void sessionCredentialsNeedTheirToken() {
        try (KinesisClient temporary = client(StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIATEMP", "temp-secret", "the-token")), Region.US_EAST_1)) {
            assertThat(temporary.listStreams().streamNames()).contains("orders");
        }
        try (KinesisClient forged = client(StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIATEMP", "temp-secret", "forged")), Region.US_EAST_1)) {
            assertAwsError(forged::listStreams, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (KinesisClient wrong = client("AKIDALICE", "not-the-secret")) {
            assertThatThrownBy(wrong::listStreams).isInstanceOfSatisfying(KinesisException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage()).startsWith(MISMATCH + "\n\nThe Canonical String");
            });
        }
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        try (KinesisClient stranger = client("AKIDSTRANGER", "whatever")) {
            assertAwsError(stranger::listStreams, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
    }

    @Test
    void aBodyChangedAfterSigningIsAnInvalidSignature() throws Exception {
        SdkHttpRequest signed = sign(body("orders"), b -> { });
        JsonNode answer = send(signed, body("shared"), 400);
        assertThat(answer.path("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(answer.path("message").asText()).startsWith(MISMATCH);
        assertThat(send(signed, body("orders"), 200).path("StreamDescriptionSummary").path("StreamName").asText())
                .as("the unchanged request verifies").isEqualTo("orders");
    }

    @Test
    void aSignatureMadeSixMinutesAgoHasExpired() throws Exception {
        Clock sixMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));
        SdkHttpRequest signed = sign(body("orders"), b -> b.putProperty(HttpSigner.SIGNING_CLOCK, sixMinutesAgo));
        JsonNode answer = send(signed, body("orders"), 400);
        assertThat(answer.path("__type").asText()).isEqualTo("InvalidSignatureException");
        String signedAt = signed.firstMatchingHeader("X-Amz-Date").orElseThrow();
        assertThat(answer.path("message").asText()).matches("Signature expired: " + signedAt
                + " is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
    }

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationToken() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(SERVER.httpEndpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = new ObjectMapper().readTree(response.body());
        assertThat(answer.path("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(answer.path("message").asText()).isEqualTo("Missing Authentication Token");
    }

    @Test
    void anUnsignedGetOnTheXmlPathIsAnXmlMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(SERVER.httpEndpoint()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("<MissingAuthenticationTokenException>\n  <Message>Missing "
                + "Authentication Token</Message>\n</MissingAuthenticationTokenException>\n");
    }

    @Test
    void aPresignedRequestFromTheSdkSignerVerifies() throws Exception {
        SdkHttpRequest presigned = sign(body("orders"), b -> b
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
        assertThat(presigned.getUri().getRawQuery()).contains("X-Amz-Signature=");
        assertThat(presigned.firstMatchingHeader("Authorization")).isEmpty();
        assertThat(send(presigned, body("orders"), 200).path("StreamDescriptionSummary").path("StreamARN").asText())
                .isEqualTo("arn:aws:kinesis:us-east-1:111111111111:stream/orders");
    }

    @Test
    void anIdentityPolicyAllowsWhatItLists() {
        try (KinesisClient reader = client("AKIDREADER", "reader-secret")) {
            assertThat(reader.describeStreamSummary(r -> r.streamName("orders")).streamDescriptionSummary()
                    .streamName()).isEqualTo("orders");
        }
    }

    @Test
    void anIdentityPolicyImplicitlyDeniesWhatItDoesNotList() {
        try (KinesisClient reader = client("AKIDREADER", "reader-secret")) {
            assertAwsError(() -> reader.putRecord(r -> r.streamName("orders").partitionKey("k")
                            .data(SdkBytes.fromUtf8String("v"))), "AccessDeniedException",
                    "User: arn:aws:iam::111111111111:user/reader is not authorized to perform: kinesis:PutRecord on "
                            + "resource: arn:aws:kinesis:us-east-1:111111111111:stream/orders because no "
                            + "identity-based policy allows the kinesis:PutRecord action");
        }
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() {
        try (KinesisClient operator = client("AKIDOPERATOR", "operator-secret")) {
            assertThat(operator.listStreams().streamNames()).contains("orders");
            assertAwsError(() -> operator.deleteStream(r -> r.streamName("orders")), "AccessDeniedException",
                    "User: arn:aws:iam::111111111111:user/operator is not authorized to perform: kinesis:DeleteStream "
                            + "on resource: arn:aws:kinesis:us-east-1:111111111111:stream/orders with an explicit "
                            + "deny in an identity-based policy");
        }
        assertThat(alice.listStreams().streamNames()).contains("orders");
    }

    @Test
    void anotherAccountReachesAStreamOnlyThroughItsResourcePolicy() {
        String shared = "arn:aws:kinesis:us-east-1:111111111111:stream/shared";
        try (KinesisClient bob = client("AKIDBOB", "bob-secret")) {
            assertAwsError(() -> bob.describeStreamSummary(r -> r.streamARN(shared)), "AccessDeniedException",
                    "User: arn:aws:iam::222222222222:user/bob is not authorized to perform: "
                            + "kinesis:DescribeStreamSummary on resource: " + shared + " because no resource-based "
                            + "policy allows the kinesis:DescribeStreamSummary action");

            String policy = """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                       "Action":["kinesis:DescribeStreamSummary","kinesis:PutRecord"],"Resource":"%s"},
                      {"Effect":"Deny","Principal":{"AWS":"222222222222"},"Action":"kinesis:PutRecord",
                       "Resource":"%s"}]}""".formatted(shared, shared);
            alice.putResourcePolicy(r -> r.resourceARN(shared).policy(policy));
            assertThat(bob.describeStreamSummary(r -> r.streamARN(shared)).streamDescriptionSummary().streamARN())
                    .isEqualTo(shared);
            assertAwsError(() -> bob.putRecord(r -> r.streamARN(shared).partitionKey("k")
                            .data(SdkBytes.fromUtf8String("v"))), "AccessDeniedException",
                    "User: arn:aws:iam::222222222222:user/bob is not authorized to perform: kinesis:PutRecord on "
                            + "resource: " + shared + " with an explicit deny in a resource-based policy");
        } finally {
            alice.deleteResourcePolicy(r -> r.resourceARN(shared));
        }
    }

    @Test
    void streamsOfOneAccountAreInvisibleToAnother() {
        try (KinesisClient bob = client("AKIDBOB", "bob-secret")) {
            assertThat(bob.listStreams().streamNames()).doesNotContain("orders", "shared");
            assertThatThrownBy(() -> bob.describeStreamSummary(r -> r.streamName("orders")))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageStartingWith("Stream orders under account 222222222222 not found.");
            assertAwsError(() -> bob.deleteStream(r -> r.streamARN(
                            "arn:aws:kinesis:us-east-1:111111111111:stream/orders")), "AccessDeniedException",
                    "User: arn:aws:iam::222222222222:user/bob is not authorized to perform: kinesis:DeleteStream on "
                            + "resource: arn:aws:kinesis:us-east-1:111111111111:stream/orders because no "
                            + "resource-based policy allows the kinesis:DeleteStream action");
        }
        assertThat(alice.listStreams().streamNames()).contains("orders");
    }

    @Test
    void streamsOfOneRegionAreInvisibleInAnother() {
        try (KinesisClient aliceInIreland = client(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDALICE", "alice-secret")), Region.EU_WEST_1)) {
            assertThat(aliceInIreland.listStreams().streamNames()).doesNotContain("orders");
            aliceInIreland.createStream(r -> r.streamName("orders").shardCount(1));
            assertThat(aliceInIreland.describeStreamSummary(r -> r.streamName("orders")).streamDescriptionSummary()
                    .streamARN()).isEqualTo("arn:aws:kinesis:eu-west-1:111111111111:stream/orders");
        }
    }

    private static void assertAwsError(Runnable call, String type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static KinesisClient client(String accessKeyId, String secret) {
        return client(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)),
                Region.US_EAST_1);
    }

    private static KinesisClient client(StaticCredentialsProvider credentials, Region region) {
        return Clients.sync(SERVER.httpEndpoint(), true, credentials, region);
    }

    private static byte[] body(String streamName) {
        return ("{\"StreamName\":\"" + streamName + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A DescribeStreamSummary signed by the SDK's own SigV4 signer as alice, with extra signer properties. */
    private static SdkHttpRequest sign(byte[] body,
                                       Consumer<software.amazon.awssdk.http.auth.spi.signer.SignRequest.Builder<
                                               AwsCredentialsIdentity>> properties) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(SERVER.httpEndpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Kinesis_20131202.DescribeStreamSummary")
                .build();
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create("AKIDALICE", "alice-secret"))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesis")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1");
            properties.accept(r);
        }).request();
    }

    /** Sends a signed request as is (the client supplies Host and Content-Length, which must match). */
    private static JsonNode send(SdkHttpRequest signed, byte[] body, int expectedStatus) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(expectedStatus);
        return new ObjectMapper().readTree(response.body());
    }
}
