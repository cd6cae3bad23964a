package io.millrace.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test dispatcher: answers {@code {"method":…,"protocol":…,"bodyLength":…,"isTls":…,"path":…}} at once, except for
 * path {@code /hold}, whose answer waits until the test completes it (see {@link #nextHeld()}). Path
 * {@code /fail} fails the stage. Thread-safe.
 */
final class EchoDispatcher implements ApiDispatcher {
    static final int OVERSIZED_STATUS = 413;

    final LinkedBlockingQueue<ApiRequest> seen = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Held> held = new LinkedBlockingQueue<>();

    record Held(ApiRequest request, CompletableFuture<ApiResponse> answer) {
        void release() {
            answer.complete(echo(request));
        }
    }

    @Override
    public CompletionStage<ApiResponse> dispatch(ApiRequest request) {
        seen.add(request);
        if (request.path().equals("/fail")) {
            return CompletableFuture.failedFuture(new IllegalStateException("boom"));
        }
        if (request.path().startsWith("/hold")) {
            CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
            held.add(new Held(request, answer));
            return answer;
        }
        return CompletableFuture.completedFuture(echo(request));
    }

    @Override
    public ApiResponse rejectOversized(ApiRequest headersOnly) {
        seen.add(headersOnly);
        return new ApiResponse(OVERSIZED_STATUS, Map.of("Content-Type", "application/x-amz-json-1.1"),
                "{\"__type\":\"RequestTooLarge\"}".getBytes(StandardCharsets.UTF_8));
    }

    Held nextHeld() throws InterruptedException {
        Held next = held.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no held request arrived within 10 s");
        }
        return next;
    }

    static ApiResponse echo(ApiRequest request) {
        String json = "{\"method\":\"" + request.method() + "\",\"protocol\":\"" + request.protocolVersion()
                + "\",\"bodyLength\":" + request.body().length + ",\"isTls\":" + request.isTls()
                + ",\"path\":\"" + request.path() + "\"}";
        return new ApiResponse(200, Map.of("Content-Type", "application/json", "x-amzn-RequestId", "r-1"),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
