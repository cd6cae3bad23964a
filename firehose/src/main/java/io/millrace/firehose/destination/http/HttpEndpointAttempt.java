package io.millrace.firehose.destination.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.DestinationException;
import io.millrace.firehose.retry.DeliveryAttempt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * One delivery attempt to an HTTP endpoint, following Firehose's request and response contract
 * (FIREHOSE-REFERENCE §6.5; AWS "HTTP endpoint delivery request and response specifications").
 *
 * <p>Request: {@code POST} to the configured URL, {@code Content-Type: application/json}, {@code Content-Encoding:
 * gzip} when configured, {@code X-Amz-Firehose-Protocol-Version: 1.0}, {@code X-Amz-Firehose-Request-Id} (the same
 * on every attempt of a batch), {@code X-Amz-Firehose-Source-Arn}, {@code X-Amz-Firehose-Access-Key} when configured
 * and {@code X-Amz-Firehose-Common-Attributes} when configured; body {@code {"requestId","timestamp","records":[{"data"}]}}.
 *
 * <p>Success is only a 200 whose body is JSON with the same {@code requestId} and a {@code timestamp}. A 413 is not
 * retried. Any other answer, a redirect, a malformed answer, a connection failure or no answer within the timeout
 * (3 minutes in AWS) is a retryable {@code HttpEndpoint.DestinationException}.
 *
 * <p>With {@code plaintext} the URL's {@code https} is replaced by {@code http}: AWS only accepts https URLs, but a
 * local endpoint is often plain HTTP. Immutable and thread-safe; the JDK client is shared.
 */
public final class HttpEndpointAttempt implements DeliveryAttempt {
    public static final String ERROR_CODE = "HttpEndpoint.DestinationException";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ERROR_BODY_CHARS = 8192;

    private final HttpClient client;
    private final HttpEndpointSettings settings;
    private final String streamArn;
    private final Duration timeout;
    private final boolean plaintext;
    private final Clock clock;

    public HttpEndpointAttempt(HttpClient client, HttpEndpointSettings settings, String streamArn, Duration timeout,
                               boolean plaintext, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.streamArn = streamArn;
        this.timeout = timeout;
        this.plaintext = plaintext;
        this.clock = clock;
    }

    /** The client every HTTP endpoint destination shares: no redirects (Firehose follows none). */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public void attempt(DeliveryBatch batch, String requestId) throws DestinationException {
        HttpResponse<String> response;
        try {
            response = client.send(request(batch, requestId), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            // [UNVERIFIED] own wording.
            throw failure("No response from the endpoint within " + timeout.toSeconds() + " seconds.", true, e);
        } catch (IOException e) {
            // [UNVERIFIED] own wording.
            throw failure("Unable to connect to the endpoint: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("Interrupted while waiting for the endpoint.", true, e);
        }
        checkResponse(response, requestId);
    }

    private HttpRequest request(DeliveryBatch batch, String requestId) throws DestinationException {
        byte[] body = body(batch, requestId);
        HttpRequest.Builder request = HttpRequest.newBuilder(target()).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Protocol-Version", "1.0")
                .header("X-Amz-Firehose-Request-Id", requestId)
                .header("X-Amz-Firehose-Source-Arn", streamArn);
        if (settings.isGzip()) {
            request.header("Content-Encoding", "gzip");
        }
        if (settings.accessKey() != null) {
            request.header("X-Amz-Firehose-Access-Key", settings.accessKey());
        }
        if (!settings.commonAttributes().isEmpty()) {
            request.header("X-Amz-Firehose-Common-Attributes", commonAttributes(settings.commonAttributes()));
        }
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private URI target() {
        String url = settings.url();
        if (plaintext && url.regionMatches(true, 0, "https://", 0, 8)) {
            url = "http://" + url.substring(8);
        }
        return URI.create(url);
    }

    private byte[] body(DeliveryBatch batch, String requestId) throws DestinationException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(estimatedSize(batch));
        try (OutputStream out = settings.isGzip() ? new GZIPOutputStream(bytes, 65536) : bytes;
             JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("requestId", requestId);
            json.writeNumberField("timestamp", clock.millis());
            json.writeArrayFieldStart("records");
            for (BufferedRecord record : batch.records()) {
                json.writeStartObject();
                json.writeFieldName("data");
                json.writeBinary(record.data());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw failure("Cannot build the request body: " + e, true, e);
        }
        return bytes.toByteArray();
    }

    private static int estimatedSize(DeliveryBatch batch) {
        long total = 64;
        for (BufferedRecord record : batch.records()) {
            total += record.data().length * 4L / 3 + 16;
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, total);
    }

    private static String commonAttributes(Map<String, String> attributes) {
        try {
            return MAPPER.writeValueAsString(Map.of("commonAttributes", attributes));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode common attributes", e);
        }
    }

    private void checkResponse(HttpResponse<String> response, String requestId) throws DestinationException {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status != 200) {
            // The wording AWS logs for endpoint answers (HTTP endpoint troubleshooting guide).
            throw failure("The following response was received from the endpoint destination. " + status + ": "
                    + truncate(body), status != 413, null);
        }
        if (!isValidAcknowledgement(response, body, requestId)) {
            // [UNVERIFIED] own wording; AWS treats such answers as a 500 without body.
            throw failure("The endpoint answered 200 without a valid acknowledgement (a JSON body with the request's "
                    + "requestId and a timestamp): " + truncate(body), true, null);
        }
    }

    private static boolean isValidAcknowledgement(HttpResponse<String> response, String body, String requestId) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")
                || response.headers().firstValue("Content-Encoding").isPresent()) {
            return false;
        }
        try {
            JsonNode ack = MAPPER.readTree(body.getBytes(StandardCharsets.UTF_8));
            // The guide's own sample sends timestamp as a string, so any present value counts.
            return ack != null && ack.isObject() && requestId.equals(ack.path("requestId").asText(null))
                    && ack.hasNonNull("timestamp");
        } catch (IOException e) {
            return false;
        }
    }

    private static String truncate(String body) {
        return body.length() <= MAX_ERROR_BODY_CHARS ? body : body.substring(0, MAX_ERROR_BODY_CHARS);
    }

    private static DestinationException failure(String message, boolean retryable, Throwable cause) {
        return new DestinationException(ERROR_CODE, message, retryable, cause);
    }
}
