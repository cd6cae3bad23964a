package io.millrace.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

import java.util.Map;
import java.util.concurrent.Flow;

/**
 * What the API layer answers: status, headers and either the complete body or, for event streams, a body stream.
 * The transport adds {@code Content-Length} (or chunked / HTTP/2 framing) and the CORS headers itself; header names
 * are case-insensitive.
 *
 * <p>A complete body is either {@code body} or, when {@code bodyBuffer != null}, that buffer ({@code body}
 * ignored): encoded straight into transport memory (see {@link ChunkedBodyOutputStream}). The transport owns the
 * buffer from the moment it receives the answer and releases it once written or when the answer is dropped (the
 * connection went away); whoever builds an answer it never hands to the transport calls {@link #release()}.
 *
 * <p>A streamed answer ({@code bodyStream != null}, {@code body} ignored) is sent as status and headers first, then
 * each chunk the publisher emits, as the connection drains: the transport requests one chunk at a time and only
 * while the channel is writable, so a slow client holds back its own stream and nothing else. The publisher's
 * completion ends the body; cancellation means the client went away.
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body, Flow.Publisher<byte[]> bodyStream,
                          ByteBuf bodyBuffer) {
    private static final byte[] NO_BYTES = new byte[0];

    /** A complete answer. */
    public ApiResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null, null);
    }

    /** A complete or streamed answer (see the class comment). */
    public ApiResponse(int status, Map<String, String> headers, byte[] body, Flow.Publisher<byte[]> bodyStream) {
        this(status, headers, body, bodyStream, null);
    }

    /** A streamed answer. */
    public static ApiResponse streaming(int status, Map<String, String> headers, Flow.Publisher<byte[]> chunks) {
        return new ApiResponse(status, headers, NO_BYTES, chunks, null);
    }

    /** A complete answer whose body is already in a buffer, which the transport takes over. */
    public static ApiResponse buffered(int status, Map<String, String> headers, ByteBuf body) {
        return new ApiResponse(status, headers, NO_BYTES, null, body);
    }

    public boolean isStreaming() {
        return bodyStream != null;
    }

    /** Frees the body buffer of an answer that will not be written; idempotent. */
    public void release() {
        if (bodyBuffer != null && bodyBuffer.refCnt() > 0) {
            ReferenceCountUtil.safeRelease(bodyBuffer);
        }
    }
}
