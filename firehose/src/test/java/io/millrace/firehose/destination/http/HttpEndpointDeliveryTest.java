package io.millrace.firehose.destination.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.millrace.firehose.DestinationOptions;
import io.millrace.firehose.FirehoseHarness;
import io.millrace.firehose.retry.Backoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP endpoint delivery against a real HTTP server on 127.0.0.1 that answers as each test scripts it: the request
 * contract, retries on the backoff schedule (driven by the manual clock, with the jitter draw fixed so that the waits
 * are exactly 1 s, 2 s, 4 s ...), a timeout, 413, and the error records written to the S3 error output.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpEndpointDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERROR_PREFIX = "http-endpoint-failed/2026/03/04/05/";

    @TempDir
    Path dir;
    private HttpServer server;
    private ExecutorService serverThreads;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch releaseHungRequests = new CountDownLatch(1);
    private FirehoseHarness firehose;

    /** What the endpoint does with the next request: answer with a status and body, or never answer. */
    record Answer(int status, String contentType, String body, boolean hangs) {
        static Answer reply(int status, String body) {
            return new Answer(status, "application/json", body, false);
        }

        static Answer hang() {
            return new Answer(0, null, null, true);
        }

        /** A valid acknowledgement of whatever request id arrives. */
        static Answer ok() {
            return new Answer(200, "application/json", null, false);
        }
    }

    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        JsonNode json() throws IOException {
            byte[] raw = "gzip".equals(header("Content-Encoding"))
                    ? new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes() : body;
            return JSON.readTree(raw);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/ingest", this::handle);
        server.start();
        // The uniform draw 0.5 makes the jitter factor exactly 1.
        DestinationOptions options = new DestinationOptions(true, Duration.ofSeconds(2), null,
                Backoff.reference(() -> 0.5));
        firehose = new FirehoseHarness(dir, options);
    }

    @AfterEach
    void stop() {
        releaseHungRequests.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        firehose.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Received request = new Received(Map.copyOf(exchange.getRequestHeaders()), body);
        received.add(request);
        Answer answer = answers.poll();
        if (answer == null || answer.hangs()) {
            try {
                releaseHungRequests.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        String reply = answer.body() != null ? answer.body()
                : "{\"requestId\":\"" + request.json().path("requestId").asText() + "\",\"timestamp\":1}";
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void create(int retrySeconds, String backupMode, String contentEncoding) {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"h\",\"HttpEndpointDestinationConfiguration\":{"
                + "\"EndpointConfiguration\":{\"Url\":\"https://127.0.0.1:" + server.getAddress().getPort()
                + "/ingest\",\"Name\":\"test\",\"AccessKey\":\"key-123\"},"
                + "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":60},"
                + "\"RequestConfiguration\":{\"ContentEncoding\":\"" + contentEncoding + "\",\"CommonAttributes\":["
                + "{\"AttributeName\":\"env\",\"AttributeValue\":\"test\"}]},"
                + "\"RetryOptions\":{\"DurationInSeconds\":" + retrySeconds + "},\"S3BackupMode\":\"" + backupMode
                + "\",\"S3Configuration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}}}");
    }

    private void putTwoRecordsAndWaitForTheInterval() {
        firehose.put("h", "hello");
        firehose.put("h", "world");
        firehose.clock.advanceMs(60_000);
    }

    @Test
    void aDeliverySendsTheFirehoseRequestContract() throws IOException {
        create(60, "FailedDataOnly", "GZIP");
        answers.add(Answer.ok());
        putTwoRecordsAndWaitForTheInterval();

        assertThat(firehose.engine.deliverDue()).isEqualTo(1);

        Received request = received.get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.header("X-Amz-Firehose-Protocol-Version")).isEqualTo("1.0");
        assertThat(request.header("X-Amz-Firehose-Access-Key")).isEqualTo("key-123");
        assertThat(request.header("X-Amz-Firehose-Source-Arn"))
                .isEqualTo("arn:aws:firehose:us-east-1:123456789012:deliverystream/h");
        assertThat(request.header("X-Amz-Firehose-Common-Attributes"))
                .isEqualTo("{\"commonAttributes\":{\"env\":\"test\"}}");
        JsonNode body = request.json();
        assertThat(body.path("requestId").asText()).isEqualTo(request.header("X-Amz-Firehose-Request-Id"));
        assertThat(body.path("timestamp").asLong()).isEqualTo(firehose.clock.millis());
        assertThat(body.path("records")).hasSize(2);
        assertThat(decoded(body.path("records").get(0))).isEqualTo("hello");
        assertThat(decoded(body.path("records").get(1))).isEqualTo("world");
        assertThat(firehose.objects()).isEmpty();
    }

    @Test
    void failuresAreRetriedOnTheBackoffScheduleAndA413GoesToTheErrorPrefix() throws IOException {
        create(600, "FailedDataOnly", "NONE");
        answers.add(Answer.reply(500, "{\"requestId\":\"x\",\"timestamp\":1,\"errorMessage\":\"busy\"}"));
        answers.add(Answer.hang());
        answers.add(Answer.reply(413, "{\"errorMessage\":\"Payload too large\"}"));
        putTwoRecordsAndWaitForTheInterval();
        long firstAttemptMs = firehose.clock.millis();

        assertThat(firehose.engine.deliverDue()).isZero();
        assertThat(received).hasSize(1);
        assertThat(describe()).contains("\"FailureDescription\":{\"Type\":\"UNKNOWN_ERROR\",\"Details\":"
                + "\"The following response was received from the endpoint destination. 500: ");

        firehose.clock.advanceMs(999);
        assertThat(firehose.engine.deliverDue()).isZero();
        assertThat(received).as("no attempt before the 1 s backoff").hasSize(1);
        firehose.clock.advanceMs(1);
        assertThat(firehose.engine.deliverDue()).isZero();
        assertThat(received).as("second attempt, which times out").hasSize(2);

        firehose.clock.advanceMs(1_999);
        assertThat(firehose.engine.deliverDue()).isZero();
        assertThat(received).as("no attempt before the 2 s backoff").hasSize(2);
        firehose.clock.advanceMs(1);
        assertThat(firehose.engine.deliverDue()).as("the 413 batch is written to the error output").isEqualTo(1);
        assertThat(received).hasSize(3);

        String requestId = received.get(0).header("X-Amz-Firehose-Request-Id");
        assertThat(received).allSatisfy(r -> assertThat(r.header("X-Amz-Firehose-Request-Id")).isEqualTo(requestId));
        assertThat(firehose.objects()).singleElement().satisfies(object ->
                assertThat(object.toString()).startsWith(ERROR_PREFIX + "h-1-2026-03-04-05-07-10-"));
        List<JsonNode> errors = errorRecords();
        assertThat(errors).hasSize(2);
        JsonNode first = errors.get(0);
        assertThat(first.path("attemptsMade").asInt()).isEqualTo(3);
        assertThat(first.path("arrivalTimestamp").asLong()).isEqualTo(FirehoseHarness.START.toEpochMilli());
        assertThat(first.path("errorCode").asText()).isEqualTo("HttpEndpoint.DestinationException");
        assertThat(first.path("errorMessage").asText()).isEqualTo("The following response was received from the "
                + "endpoint destination. 413: {\"errorMessage\":\"Payload too large\"}");
        assertThat(first.path("attemptEndingTimestamp").asLong()).isEqualTo(firstAttemptMs + 3_000);
        assertThat(new String(Base64.getDecoder().decode(first.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(first.path("dataId").asText()).isEqualTo(requestId + ".0");
        assertThat(errors.get(1).path("rawData").asText()).isEqualTo(base64("world"));
        assertThat(describe()).doesNotContain("FailureDescription");
    }

    @Test
    void aBatchFailingForTheWholeRetryDurationGoesToTheErrorPrefix() throws IOException {
        create(3, "FailedDataOnly", "NONE");
        for (int i = 0; i < 3; i++) {
            answers.add(Answer.reply(503, "unavailable"));
        }
        putTwoRecordsAndWaitForTheInterval();

        assertThat(firehose.engine.deliverDue()).isZero();
        firehose.clock.advanceMs(1_000);
        assertThat(firehose.engine.deliverDue()).isZero();
        // The next wait would be 2 s, past the 3 s window: the last attempt starts when the window closes.
        firehose.clock.advanceMs(1_999);
        assertThat(firehose.engine.deliverDue()).isZero();
        firehose.clock.advanceMs(1);
        assertThat(firehose.engine.deliverDue()).isEqualTo(1);

        assertThat(received).hasSize(3);
        List<JsonNode> errors = errorRecords();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).path("attemptsMade").asInt()).isEqualTo(3);
        assertThat(errors.get(0).path("errorMessage").asText()).isEqualTo("The following response was received from "
                + "the endpoint destination. 503: unavailable");
    }

    @Test
    void aRetryDurationOfZeroMeansNoRetry() throws IOException {
        create(0, "FailedDataOnly", "NONE");
        answers.add(Answer.reply(500, "no"));
        putTwoRecordsAndWaitForTheInterval();

        assertThat(firehose.engine.deliverDue()).isEqualTo(1);
        assertThat(received).hasSize(1);
        assertThat(errorRecords()).hasSize(2);
    }

    @Test
    void aTwoHundredWithoutAValidAcknowledgementIsRetried() {
        create(600, "FailedDataOnly", "NONE");
        answers.add(Answer.reply(200, "{\"requestId\":\"someone-else\",\"timestamp\":1}"));
        answers.add(new Answer(200, "text/plain", null, false));
        answers.add(Answer.ok());
        putTwoRecordsAndWaitForTheInterval();

        assertThat(firehose.engine.deliverDue()).isZero();
        firehose.clock.advanceMs(1_000);
        assertThat(firehose.engine.deliverDue()).isZero();
        firehose.clock.advanceMs(2_000);
        assertThat(firehose.engine.deliverDue()).isEqualTo(1);
        assertThat(received).hasSize(3);
        assertThat(firehose.objects()).isEmpty();
    }

    @Test
    void allDataBacksUpEveryDeliveredBatchToS3() {
        create(600, "AllData", "NONE");
        answers.add(Answer.ok());
        putTwoRecordsAndWaitForTheInterval();

        assertThat(firehose.engine.deliverDue()).as(this::describe).isEqualTo(1);
        assertThat(firehose.objects()).singleElement().satisfies(object -> {
            assertThat(object.toString()).startsWith("2026/03/04/05/h-1-");
            assertThat(firehose.content(object)).isEqualTo("helloworld");
        });
    }

    private String describe() {
        return FirehoseHarness.json(firehose.call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"h\"}"));
    }

    private List<JsonNode> errorRecords() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (Path object : firehose.objects()) {
            assertThat(object.toString()).startsWith(ERROR_PREFIX);
            for (String line : firehose.content(object).split("\n")) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    private static String decoded(JsonNode record) {
        return new String(Base64.getDecoder().decode(record.path("data").asText()), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
