package io.millrace.firehose.processing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plays Lambda functions with HTTP endpoints: the invocation event is {@code POST}ed as {@code application/json} to
 * the URL {@link LambdaEndpoints} maps the function ARN to, with the header {@code X-Amz-Function-Arn}; a
 * {@code 200} answer's body is the function's result, any other status (and a timeout or connection failure) is a
 * failed invocation. Thread-safe: one JDK HTTP client is shared by all invocations.
 */
public final class HttpLambdaInvoker implements LambdaInvoker {
    /** Lambda's own ceiling for a Firehose transformation function. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final LambdaEndpoints endpoints;
    private final Duration timeout;
    private volatile HttpClient client;

    public HttpLambdaInvoker(LambdaEndpoints endpoints) {
        this(endpoints, DEFAULT_TIMEOUT);
    }

    public HttpLambdaInvoker(LambdaEndpoints endpoints, Duration timeout) {
        this.endpoints = endpoints;
        this.timeout = timeout;
    }

    @Override
    public byte[] invoke(String functionArn, byte[] event) throws IOException {
        URI url = endpoints.urlOf(functionArn).orElseThrow(() -> new FunctionNotFoundException(
                "Function not found: " + functionArn + " (no --lambda-endpoint maps it to a URL)"));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Amz-Function-Arn", functionArn)
                .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while invoking " + functionArn, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("The function's endpoint " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Created on first use, so a server that never invokes a function starts no HTTP client threads. */
    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = HttpClient.newBuilder().connectTimeout(timeout)
                            .version(HttpClient.Version.HTTP_1_1).build();
                    client = current;
                }
            }
        }
        return current;
    }
}
