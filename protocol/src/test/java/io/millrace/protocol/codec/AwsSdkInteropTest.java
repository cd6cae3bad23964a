package io.millrace.protocol.codec;

import io.millrace.protocol.codec.WireRecords.GetRecordsResponse;
import io.millrace.protocol.codec.WireRecords.GetShardIteratorRequest;
import io.millrace.protocol.codec.WireRecords.PutRecordsRequest;
import io.millrace.protocol.codec.WireRecords.Record;
import io.millrace.protocol.codec.WireRecords.ShardIteratorType;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The AWS SDK for Java v2 (CBOR, its Kinesis default) talking to our codec through an in-memory HTTP client. */
class AwsSdkInteropTest {
    private static final KinesisProtocol PROTOCOL = KinesisProtocol.kinesis();

    private final CannedHttpClient http = new CannedHttpClient();
    private final KinesisClient client = newClient();

    /** The SDK fixes its wire format (CBOR unless {@code aws.cborEnabled=false}) when the client is built. */
    private KinesisClient newClient() {
        return KinesisClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://localhost:4567"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .httpClient(http)
                .build();
    }

    record PutRecordsResultEntry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {
    }

    record PutRecordsResponse(Integer failedRecordCount, List<PutRecordsResultEntry> records, String encryptionType) {
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void sdkPutRecordsRequestsDecodeAndOurResponsesParseInTheSdk() {
        http.respond(200, PROTOCOL.encodeResponse(new PutRecordsResponse(1, List.of(
                new PutRecordsResultEntry("4959", "shardId-000000000000", null, null),
                new PutRecordsResultEntry(null, null, "ProvisionedThroughputExceededException", "slow down")),
                "NONE"), WireFormat.CBOR));

        var response = client.putRecords(b -> b.streamName("s").records(
                PutRecordsRequestEntry.builder().partitionKey("k1").data(SdkBytes.fromUtf8String("hello")).build(),
                PutRecordsRequestEntry.builder().partitionKey("k2").explicitHashKey("42")
                        .data(SdkBytes.fromByteArray(new byte[0])).build()));

        assertThat(http.target).isEqualTo("Kinesis_20131202.PutRecords");
        assertThat(http.contentType).isEqualTo(WireFormat.CBOR.contentType());
        PutRecordsRequest request = PROTOCOL.bind(PROTOCOL.decode("PutRecords", WireFormat.CBOR, http.body),
                PutRecordsRequest.class);
        assertThat(request.streamName()).isEqualTo("s");
        assertThat(request.records()).hasSize(2);
        assertThat(request.records().get(0).data()).isEqualTo("hello".getBytes());
        assertThat(request.records().get(1).explicitHashKey()).isEqualTo("42");
        assertThat(response.failedRecordCount()).isEqualTo(1);
        assertThat(response.records().get(0).sequenceNumber()).isEqualTo("4959");
        assertThat(response.records().get(1).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(response.encryptionTypeAsString()).isEqualTo("NONE");
    }

    @Test
    void sdkTimestampsArriveAsMillisAndOurTimestampsAndBlobsParseInTheSdk() {
        Instant arrival = Instant.ofEpochMilli(1_700_000_000_123L);
        http.respond(200, PROTOCOL.encodeResponse(new GetRecordsResponse(
                List.of(new Record("1", arrival, new byte[] {0, 1, (byte) 0xff}, "k", null)), "next", 12L, List.of()),
                WireFormat.CBOR));

        var records = client.getRecords(b -> b.shardIterator("it"));

        assertThat(records.records().get(0).approximateArrivalTimestamp()).isEqualTo(arrival);
        assertThat(records.records().get(0).data().asByteArray()).containsExactly(0, 1, 0xff);
        assertThat(records.millisBehindLatest()).isEqualTo(12L);

        http.respond(200, PROTOCOL.encodeResponse(new ShardIteratorResponse("AAAA"), WireFormat.CBOR));
        client.getShardIterator(b -> b.streamName("s").shardId("shardId-000000000001")
                .shardIteratorType("AT_TIMESTAMP").timestamp(arrival));
        GetShardIteratorRequest request = PROTOCOL.bind(
                PROTOCOL.decode("GetShardIterator", WireFormat.CBOR, http.body), GetShardIteratorRequest.class);
        assertThat(request.timestamp()).isEqualTo(arrival);
        assertThat(request.shardIteratorType()).isEqualTo(ShardIteratorType.AT_TIMESTAMP);
    }

    record ShardIteratorResponse(String shardIterator) {
    }

    @Test
    void inJsonModeTheSdkSendsSecondsAndParsesOurFractionalSeconds() {
        Instant arrival = Instant.ofEpochMilli(1_459_799_926_480L);
        http.responseContentType = WireFormat.JSON.contentType();
        http.respond(200, PROTOCOL.encodeResponse(new GetRecordsResponse(
                List.of(new Record("1", arrival, new byte[] {7}, "k", null)), null, 0L, List.of()), WireFormat.JSON));
        System.setProperty("aws.cborEnabled", "false");
        try (KinesisClient jsonClient = newClient()) {
            var records = jsonClient.getRecords(b -> b.shardIterator("it"));
            assertThat(records.records().get(0).approximateArrivalTimestamp()).isEqualTo(arrival);
            assertThat(records.records().get(0).data().asByteArray()).containsExactly(7);

            http.respond(200, PROTOCOL.encodeResponse(new ShardIteratorResponse("AAAA"), WireFormat.JSON));
            jsonClient.getShardIterator(b -> b.streamName("s").shardId("shardId-000000000001")
                    .shardIteratorType("AT_TIMESTAMP").timestamp(arrival));
        } finally {
            System.clearProperty("aws.cborEnabled");
        }
        assertThat(http.contentType).isEqualTo(WireFormat.JSON.contentType());
        GetShardIteratorRequest request = PROTOCOL.bind(
                PROTOCOL.decode("GetShardIterator", WireFormat.JSON, http.body), GetShardIteratorRequest.class);
        assertThat(request.timestamp()).isEqualTo(arrival);
    }

    @Test
    void ourErrorBodiesGiveTheSdkTheErrorCodeAndMessage() {
        ApiException validation = catchThrowableOfType(ApiException.class,
                () -> PROTOCOL.decode("DescribeStream", WireFormat.JSON, "{\"StreamName\":\"\"}".getBytes()));
        http.respond(400, PROTOCOL.encodeError(validation, WireFormat.CBOR));
        KinesisException thrown = catchThrowableOfType(KinesisException.class,
                () -> client.describeStream(b -> b.streamName("x")));
        assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(thrown.awsErrorDetails().errorMessage()).isEqualTo(validation.wireMessage());

        http.respond(400, PROTOCOL.encodeError(ApiException.typeError("Expected null"), WireFormat.CBOR));
        KinesisException typeError = catchThrowableOfType(KinesisException.class,
                () -> client.describeStream(b -> b.streamName("x")));
        assertThat(typeError.awsErrorDetails().errorCode()).isEqualTo(KinesisError.SERIALIZATION.type());
        assertThat(typeError.awsErrorDetails().errorMessage()).isEqualTo("Expected null");
    }

    /** Records the last request and answers every call with one canned response. Single-threaded use only. */
    private static final class CannedHttpClient implements SdkHttpClient {
        private int status;
        String responseContentType = WireFormat.CBOR.contentType();
        private byte[] responseBody;
        String target;
        String contentType;
        byte[] body;

        void respond(int statusCode, byte[] bodyBytes) {
            status = statusCode;
            responseBody = bodyBytes;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null);
                    contentType = request.httpRequest().firstMatchingHeader("Content-Type").orElse(null);
                    body = request.contentStreamProvider().orElseThrow().newStream().readAllBytes();
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(status)
                                    .putHeader("Content-Type", responseContentType)
                                    .putHeader("Content-Length", Integer.toString(responseBody.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(responseBody)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
