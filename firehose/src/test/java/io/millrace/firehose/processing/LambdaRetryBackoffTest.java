package io.millrace.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.millrace.firehose.processing.ProcessorTestSupport.CONTEXT;
import static io.millrace.firehose.processing.ProcessorTestSupport.enabled;
import static io.millrace.firehose.processing.ProcessorTestSupport.processor;
import static io.millrace.firehose.processing.ProcessorTestSupport.records;
import static io.millrace.firehose.processing.ProcessorTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lambda retries against a function played by an HTTP server on 127.0.0.1 that fails a set number of invocations
 * (HTTP 500, or an answer that is not the transformation result) and then answers. The backoff's waits are recorded
 * by an injected sleeper instead of slept.
 */
class LambdaRetryBackoffTest {
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:flaky";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Long> waitsMs = new CopyOnWriteArrayList<>();
    private volatile boolean failWithGarbage;
    private HttpServer server;
    private LambdaInvoker invoker;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/flaky", exchange -> {
            calls.incrementAndGet();
            JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
            byte[] answer;
            int status = 200;
            if (failuresLeft.getAndDecrement() > 0) {
                answer = "not the result".getBytes(StandardCharsets.UTF_8);
                status = failWithGarbage ? 200 : 500;
            } else {
                StringBuilder out = new StringBuilder("{\"records\":[");
                for (JsonNode record : event.path("records")) {
                    String text = new String(Base64.getDecoder().decode(record.path("data").asText()),
                            StandardCharsets.UTF_8).toUpperCase();
                    out.append(out.length() > 12 ? "," : "").append("{\"recordId\":\"")
                            .append(record.path("recordId").asText()).append("\",\"result\":\"Ok\",\"data\":\"")
                            .append(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                            .append("\"}");
                }
                answer = out.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        invoker = new HttpLambdaInvoker(LambdaEndpoints.parse(List.of(ARN + "=http://127.0.0.1:"
                + server.getAddress().getPort() + "/flaky")));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Waits of 1 s, 2 s, 4 s ... (no jitter), recorded rather than slept. */
    private ProcessingPipeline pipeline(String... parameters) {
        String[] all = new String[parameters.length + 2];
        all[0] = "LambdaArn";
        all[1] = ARN;
        System.arraycopy(parameters, 0, all, 2, parameters.length);
        return ProcessingPipeline.of(enabled(processor("Lambda", all)), invoker,
                new LambdaRetryTiming(retriesMade -> 1_000L << retriesMade, waitsMs::add));
    }

    @Test
    void aFunctionThatFailsTwiceIsRetriedWithGrowingWaitsAndItsAnswerIsDelivered() {
        failuresLeft.set(2);
        ProcessingResult result = pipeline().process(records("a", "b"), CONTEXT);

        assertThat(texts(result)).containsExactly("A", "B");
        assertThat(result.failures()).isEmpty();
        assertThat(calls).hasValue(3);
        assertThat(waitsMs).containsExactly(1_000L, 2_000L);
    }

    @Test
    void afterTheDefaultThreeRetriesTheRecordsGoToProcessingFailed() {
        failuresLeft.set(4);
        ProcessingResult result = pipeline().process(records("a", "b"), CONTEXT);

        assertThat(result.records()).isEmpty();
        assertThat(calls).hasValue(4);
        assertThat(waitsMs).containsExactly(1_000L, 2_000L, 4_000L);
        assertThat(result.failures()).hasSize(2).allSatisfy(failure -> {
            assertThat(failure.errorCode()).isEqualTo("Lambda.FunctionError");
            assertThat(failure.attemptsMade()).isEqualTo(4);
            assertThat(failure.errorOutputType()).isEqualTo("processing-failed");
            assertThat(failure.lambdaArn()).isEqualTo(ARN);
        });
    }

    @Test
    void anUnreadableAnswerIsRetriedLikeAnHttpError() {
        failWithGarbage = true;
        failuresLeft.set(1);
        assertThat(texts(pipeline("NumberOfRetries", "1").process(records("x"), CONTEXT))).containsExactly("X");
        assertThat(waitsMs).containsExactly(1_000L);

        failuresLeft.set(5);
        waitsMs.clear();
        ProcessingResult failed = pipeline("NumberOfRetries", "1").process(records("y"), CONTEXT);
        assertThat(failed.failures()).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo("Lambda.JsonProcessingException");
            assertThat(f.attemptsMade()).isEqualTo(2);
        });
    }

    @Test
    void zeroRetriesFailsAtOnceWithoutWaiting() {
        failuresLeft.set(1);
        ProcessingResult result = pipeline("NumberOfRetries", "0").process(records("a"), CONTEXT);
        assertThat(result.failures()).hasSize(1);
        assertThat(calls).hasValue(1);
        assertThat(waitsMs).isEmpty();
    }

    @Test
    void anInterruptedWaitFailsTheDeliveryInsteadOfTheRecords() {
        failuresLeft.set(1);
        ProcessingPipeline interrupted = ProcessingPipeline.of(enabled(processor("Lambda", "LambdaArn", ARN)),
                invoker, new LambdaRetryTiming(retriesMade -> 1_000, ms -> {
                    throw new InterruptedException();
                }));
        try {
            assertThatThrownBy(() -> interrupted.process(records("a"), CONTEXT))
                    .isInstanceOf(UncheckedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
