package io.millrace.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Converts between Netty's HTTP objects and the {@link ApiRequest}/{@link ApiResponse} seam, answers CORS
 * preflights, and turns a failed or thrown dispatch into {@code InternalFailure}. Used by both the HTTP/1.1 and the
 * HTTP/2 handler so the two protocols cannot drift apart. Thread-safe (stateless apart from the dispatcher).
 */
final class ApiExchange {
    static final String INTERNAL_FAILURE_BODY = "{\"__type\":\"InternalFailure\"}";
    static final String AMZ_JSON = "application/x-amz-json-1.1";

    private static final Logger LOG = LoggerFactory.getLogger(ApiExchange.class);
    /** Netty's HTTP/2 → HTTP/1 conversion adds these; they describe the transport, not the request. */
    private static final String NETTY_EXTENSION_PREFIX = "x-http2-";

    private final ApiDispatcher dispatcher;

    ApiExchange(ApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Never fails: a failed or throwing dispatcher becomes a 500 {@code InternalFailure}. */
    CompletionStage<ApiResponse> answer(ApiRequest request) {
        if (Cors.isPreflight(request)) {
            return CompletableFuture.completedFuture(Cors.preflight(request));
        }
        CompletionStage<ApiResponse> stage;
        try {
            stage = dispatcher.dispatch(request);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(internalFailure(e));
        }
        if (stage == null) {
            return CompletableFuture.completedFuture(internalFailure(new NullPointerException("dispatch stage")));
        }
        return stage.handle((response, failure) -> {
            if (failure != null || response == null) {
                return internalFailure(failure);
            }
            return response;
        });
    }

    /** The dispatcher's answer to an oversized request, or {@code InternalFailure} should it throw. */
    ApiResponse answerOversized(ApiRequest headersOnly) {
        try {
            ApiResponse response = dispatcher.rejectOversized(headersOnly);
            return response != null ? response : internalFailure(null);
        } catch (RuntimeException e) {
            return internalFailure(e);
        }
    }

    static ApiRequest toApiRequest(HttpRequest request, ByteBuf body, boolean isTls, String protocolVersion,
                                   Executor responseExecutor) {
        String uri = request.uri();
        int queryStart = uri.indexOf('?');
        String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        String query = queryStart < 0 ? "" : uri.substring(queryStart + 1);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(NETTY_EXTENSION_PREFIX)) {
                headers.merge(name, header.getValue(), (first, next) -> first + "," + next);
            }
        }
        return new ApiRequest(request.method().name(), path, query, Collections.unmodifiableMap(headers),
                ByteBufUtil.getBytes(body), isTls, protocolVersion, responseExecutor);
    }

    /** A full response with Content-Length and, for cross-origin requests, the CORS headers. */
    static FullHttpResponse toHttpResponse(ApiRequest request, ApiResponse response) {
        ByteBuf body = response.bodyBuffer() != null ? response.bodyBuffer()
                : response.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body());
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), body);
        if (response.headers() != null) {
            response.headers().forEach((name, value) -> http.headers().set(AsciiString.of(name), value));
        }
        http.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        http.headers().remove(HttpHeaderNames.CONNECTION);
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        Cors.decorate(request, http.headers());
        return http;
    }

    /**
     * The status line and headers of a streamed answer; the body follows as chunks (HTTP/1.1, {@code chunked}) or
     * DATA frames (HTTP/2).
     */
    static HttpResponse toStreamingHead(ApiRequest request, ApiResponse response, boolean isChunked) {
        HttpResponse http = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()));
        if (response.headers() != null) {
            response.headers().forEach((name, value) -> http.headers().set(AsciiString.of(name), value));
        }
        http.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        http.headers().remove(HttpHeaderNames.CONNECTION);
        if (isChunked) {
            HttpUtil.setTransferEncodingChunked(http, true);
        } else {
            http.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        }
        Cors.decorate(request, http.headers());
        return http;
    }

    static ApiResponse internalFailure(Throwable cause) {
        LOG.error("Dispatcher failed unexpectedly; answering InternalFailure", cause);
        return new ApiResponse(500, Map.of("Content-Type", AMZ_JSON),
                INTERNAL_FAILURE_BODY.getBytes(StandardCharsets.UTF_8));
    }
}
