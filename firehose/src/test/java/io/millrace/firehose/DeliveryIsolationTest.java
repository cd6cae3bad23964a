package io.millrace.firehose;

import com.sun.net.httpserver.HttpServer;
import io.millrace.firehose.processing.LambdaEndpoints;
import io.millrace.log.object.LocalObjectStore;
import io.millrace.log.object.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the engine started, every delivery stream is delivered on its own: a stream whose Lambda function has not
 * answered yet (played by an HTTP server on 127.0.0.1 that holds the invocation until the test lets it go) does not
 * hold back the delivery of another stream.
 */
class DeliveryIsolationTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:held";
    private static final Pattern RECORD_ID = Pattern.compile("\"recordId\"\\s*:\\s*\"([^\"]+)\"");
    private static final long PAST_THE_INTERVAL_MS = 301_000; // the default buffering interval is 300 s

    private final CountDownLatch invoked = new CountDownLatch(1);
    private final CountDownLatch answer = new CountDownLatch(1);
    private HttpServer lambda;

    @BeforeEach
    void startFunction() throws IOException {
        lambda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lambda.createContext("/held", exchange -> {
            String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            invoked.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Matcher id = RECORD_ID.matcher(event);
            if (!id.find()) {
                exchange.sendResponseHeaders(400, -1); // not an invocation event: a failed invocation
                exchange.close();
                return;
            }
            String data = Base64.getEncoder().encodeToString("transformed".getBytes(StandardCharsets.UTF_8));
            byte[] result = ("{\"records\":[{\"recordId\":\"" + id.group(1) + "\",\"result\":\"Ok\",\"data\":\""
                    + data + "\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, result.length);
            exchange.getResponseBody().write(result);
            exchange.close();
        });
        lambda.start();
    }

    @AfterEach
    void stopFunction() {
        answer.countDown();
        lambda.stop(0);
    }

    @Test
    void aStreamWaitingForItsLambdaFunctionDoesNotHoldBackAnotherStream(@TempDir Path dir) throws Exception {
        CountDownLatch plainWritten = new CountDownLatch(1);
        CountDownLatch processedWritten = new CountDownLatch(1);
        ObjectStore local = new LocalObjectStore(dir.resolve("s3"));
        ObjectStore objects = new ObjectStore() {
            @Override
            public void putObject(String bucket, String key, byte[] content) throws IOException {
                local.putObject(bucket, key, content);
                (key.contains("processed") ? processedWritten : plainWritten).countDown();
            }

            @Override
            public void checkWritable(String bucket) throws IOException {
                local.checkWritable(bucket);
            }
        };
        FirehoseConfig config = FirehoseConfig.defaults().withLambdaEndpoints(LambdaEndpoints.parse(List.of(
                ARN + "=http://127.0.0.1:" + lambda.getAddress().getPort() + "/held")));
        try (FirehoseHarness firehose = new FirehoseHarness(dir, objects, config)) {
            firehose.create("processed", "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[{\"Type\":"
                    + "\"Lambda\",\"Parameters\":[{\"ParameterName\":\"LambdaArn\",\"ParameterValue\":\"" + ARN
                    + "\"}]}]}");
            firehose.create("plain", "");
            firehose.put("processed", "a");
            firehose.clock.advanceMs(PAST_THE_INTERVAL_MS);
            firehose.engine.start();
            assertThat(invoked.await(10, TimeUnit.SECONDS)).as("the function was invoked").isTrue();

            // The processed stream's delivery is now waiting for its function.
            firehose.put("plain", "b");
            firehose.clock.advanceMs(PAST_THE_INTERVAL_MS);
            assertThat(plainWritten.await(10, TimeUnit.SECONDS))
                    .as("the plain stream was delivered while the other waited for its function").isTrue();
            assertThat(processedWritten.getCount()).isOne();

            answer.countDown();
            assertThat(processedWritten.await(10, TimeUnit.SECONDS)).isTrue();
            firehose.engine.close();
            List<Path> written = firehose.objects();
            assertThat(written).hasSize(2).anySatisfy(object -> assertThat(object.toString()).contains("plain"));
            assertThat(written.stream().map(firehose::content)).containsExactlyInAnyOrder("b", "transformed");
        }
    }
}
