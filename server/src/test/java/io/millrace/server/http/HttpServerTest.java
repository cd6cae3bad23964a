package io.millrace.server.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class HttpServerTest {
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    @TempDir
    Path tlsDir;

    private final EchoDispatcher dispatcher = new EchoDispatcher();
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start(TransportConfig.defaults().withPort(0).withMaxRequestBytes(MAX_REQUEST_BYTES)
                .withTls(null, null, tlsDir), dispatcher);
        server.tlsReady().join(); // the tests read the generated certificate file
    }

    @AfterEach
    void stop() {
        server.shutdownGracefully(Duration.ofSeconds(2)).join();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.port()).isPositive();
    }

    @Test
    void plainHttp11RequestReachesTheDispatcher() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(post("http", "/", "hello"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo(
                "{\"method\":\"POST\",\"protocol\":\"HTTP/1.1\",\"bodyLength\":5,\"isTls\":false,\"path\":\"/\"}");
        assertThat(response.headers().firstValueAsLong("content-length")).hasValue(response.body().length());
    }

    @Test
    void httpsHttp11IsServedWithTheSelfSignedCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(trustingServerCertificate()).build();
        HttpResponse<String> response = client.send(post("https", "/", "hello"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).contains("\"protocol\":\"HTTP/1.1\"", "\"isTls\":true");
    }

    @Test
    void alpnH2IsChosenWhenTheClientOffersIt() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(trustingServerCertificate()).build();
        HttpResponse<String> response = client.send(post("https", "/", "hello"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).contains("\"protocol\":\"HTTP/2\"", "\"bodyLength\":5", "\"isTls\":true");
    }

    @Test
    void awsSdkNettyClientSpeaksH2cWithPriorKnowledge() throws Exception {
        try (SdkAsyncHttpClient client = SdkHttpCall.http2Client(ProtocolNegotiation.ASSUME_PROTOCOL)) {
            SdkHttpCall.Answer answer = SdkHttpCall.post(client, URI.create("http://127.0.0.1:" + server.port() + "/"),
                    bytes("hello h2c"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("\"protocol\":\"HTTP/2\"", "\"bodyLength\":9", "\"isTls\":false");
        }
    }

    @Test
    void awsSdkNettyClientSpeaksH2OverTlsWithAlpn() throws Exception {
        try (SdkAsyncHttpClient client = SdkHttpCall.http2Client(ProtocolNegotiation.ALPN)) {
            SdkHttpCall.Answer answer = SdkHttpCall.post(client,
                    URI.create("https://127.0.0.1:" + server.port() + "/"), bytes("hello"));

            assertThat(answer.body()).contains("\"protocol\":\"HTTP/2\"", "\"isTls\":true");
        }
    }

    @Test
    void awsSdkNettyClientDefaultSpeaksH2OverTlsWithoutAlpn() throws Exception {
        // The SDK's default negotiation offers no ALPN and starts HTTP/2 right after the handshake.
        try (SdkAsyncHttpClient client = SdkHttpCall.http2Client(ProtocolNegotiation.ASSUME_PROTOCOL)) {
            SdkHttpCall.Answer answer = SdkHttpCall.post(client,
                    URI.create("https://127.0.0.1:" + server.port() + "/"), bytes("hello"));

            assertThat(answer.body()).contains("\"protocol\":\"HTTP/2\"", "\"isTls\":true");
        }
    }

    @Test
    void oversizedHttp11BodyIsRejectedAndTheKeepAliveConnectionIsReused() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/", MAX_REQUEST_BYTES + 1));
            connection.send(new byte[MAX_REQUEST_BYTES + 1]);
            RawHttp1Connection.Response rejected = connection.read();

            connection.send(RawHttp1Connection.post("/", 3) + "abc");
            RawHttp1Connection.Response accepted = connection.read();

            assertThat(rejected.status()).isEqualTo(EchoDispatcher.OVERSIZED_STATUS);
            assertThat(rejected.body()).contains("RequestTooLarge");
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(accepted.body()).contains("\"bodyLength\":3");
        }
    }

    @Test
    void oversizedChunkedHttp11BodyIsRejectedAndTheConnectionIsReused() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            int chunkBytes = MAX_REQUEST_BYTES / 2 + 1;
            connection.send("POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                connection.send(Integer.toHexString(chunkBytes) + "\r\n" + "x".repeat(chunkBytes) + "\r\n");
            }
            connection.send("0\r\n\r\n");
            RawHttp1Connection.Response rejected = connection.read();

            connection.send(RawHttp1Connection.post("/", 2) + "ok");
            RawHttp1Connection.Response accepted = connection.read();

            assertThat(rejected.status()).isEqualTo(EchoDispatcher.OVERSIZED_STATUS);
            assertThat(rejected.body()).contains("RequestTooLarge");
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(accepted.body()).contains("\"bodyLength\":2");
        }
    }

    @Test
    void oversizedH2cBodyIsRejectedOnItsStreamOnly() throws Exception {
        try (H2TestClient client = new H2TestClient(server.port())) {
            H2TestClient.Answer rejected = client.post("/", new byte[MAX_REQUEST_BYTES + 1]);
            H2TestClient.Answer accepted = client.post("/", bytes("fine"));

            assertThat(rejected.status()).isEqualTo(EchoDispatcher.OVERSIZED_STATUS);
            assertThat(rejected.body()).contains("RequestTooLarge");
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(accepted.body()).contains("\"protocol\":\"HTTP/2\"", "\"bodyLength\":4");
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/", MAX_REQUEST_BYTES));
            connection.send(new byte[MAX_REQUEST_BYTES]);

            assertThat(connection.read().body()).contains("\"bodyLength\":" + MAX_REQUEST_BYTES);
        }
    }

    @Test
    void pipelinedAnswersLeaveInRequestOrderEvenWhenCompletedOutOfOrder() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/hold/first", 0) + RawHttp1Connection.post("/hold/second", 0));
            EchoDispatcher.Held first = dispatcher.nextHeld();
            EchoDispatcher.Held second = dispatcher.nextHeld();
            second.release();
            first.release();

            assertThat(connection.read().body()).contains("/hold/first");
            assertThat(connection.read().body()).contains("/hold/second");
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/", 0, "Connection: close"));
            RawHttp1Connection.Response response = connection.read();

            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void keepAliveConnectionServesSeveralRequests() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            for (int i = 0; i < 3; i++) {
                connection.send(RawHttp1Connection.post("/", 1) + "x");
                RawHttp1Connection.Response response = connection.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.headers()).doesNotContainKey("connection");
            }
        }
    }

    @Test
    void failedDispatchBecomesInternalFailure() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(post("http", "/fail", ""), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"__type\":\"InternalFailure\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
    }

    @Test
    void corsPreflightIsAnsweredWithoutTheDispatcher() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send("OPTIONS / HTTP/1.1\r\nHost: localhost\r\nOrigin: https://example.com\r\n"
                    + "Access-Control-Request-Method: POST\r\n"
                    + "Access-Control-Request-Headers: content-type,x-amz-target\r\n\r\n");
            RawHttp1Connection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers())
                    .containsEntry("access-control-allow-origin", "*")
                    .containsEntry("access-control-allow-methods", "POST")
                    .containsEntry("access-control-allow-headers", "content-type,x-amz-target")
                    .containsEntry("access-control-max-age", "172800");
            assertThat(dispatcher.seen).isEmpty();
        }
    }

    @Test
    void crossOriginAnswersAllowAnyOriginAndExposeAwsHeaders() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/", 0, "Origin: https://example.com"));
            RawHttp1Connection.Response response = connection.read();

            assertThat(response.headers())
                    .containsEntry("access-control-allow-origin", "*")
                    .containsEntry("access-control-expose-headers",
                            "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date");
        }
    }

    @Test
    void answersWithoutOriginCarryNoCorsHeaders() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/", 0));

            assertThat(connection.read().headers()).doesNotContainKey("access-control-allow-origin");
        }
    }

    @Test
    void headersReachTheDispatcherLowerCasedWithPathAndQuerySplit() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/some/path?X-Amz-Date=1&a=b", 0,
                    "X-Amz-Target: Kinesis_20131202.ListStreams"));
            connection.read();
        }
        ApiRequest seen = dispatcher.seen.poll(5, TimeUnit.SECONDS);

        assertThat(seen.path()).isEqualTo("/some/path");
        assertThat(seen.query()).isEqualTo("X-Amz-Date=1&a=b");
        assertThat(seen.headers()).containsEntry("x-amz-target", "Kinesis_20131202.ListStreams");
    }

    @Test
    void gracefulShutdownWaitsForTheInFlightAnswerThenStopsAccepting() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/hold", 0));
            EchoDispatcher.Held held = dispatcher.nextHeld();

            CompletableFuture<Void> stopped = server.shutdownGracefully(Duration.ofSeconds(10));
            assertThat(stopped).isNotDone();
            held.release();
            RawHttp1Connection.Response response = connection.read();
            stopped.get(10, TimeUnit.SECONDS);

            // Whether the answer carries "Connection: close" depends on whether draining began before it was
            // written; either way the server closes the connection once nothing is owed on it.
            assertThat(response.status()).isEqualTo(200);
            assertThat(connection.isClosedByServer()).isTrue();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void gracefulShutdownGivesUpOnAnswersThatNeverComeAfterTheTimeout() throws Exception {
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/hold", 0));
            dispatcher.nextHeld();

            server.shutdownGracefully(Duration.ofMillis(200)).get(10, TimeUnit.SECONDS);

            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    private HttpRequest post(String scheme, String path, String body) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-amz-json-1.1")
                .build();
    }

    private SSLContext trustingServerCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("millrace", TlsMaterial.selfSigned(tlsDir).chain().get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
