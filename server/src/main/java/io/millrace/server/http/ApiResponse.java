package io.millrace.server.http;

import java.util.Map;
import java.util.concurrent.Flow;

/**
 * What the API layer answers: status, headers and either the complete body or, for event streams, a body stream.
 * The transport adds {@code Content-Length} (or chunked / HTTP/2 framing) and the CORS headers itself; header names
 * are case-insensitive.
 *
 * <p>A streamed answer ({@code bodyStream != null}, {@code body} ignored) is sent as status and headers first, then
 * each chunk the publisher emits, as the connection drains: the transport requests one chunk at a time and only
 * while the channel is writable, so a slow client holds back its own stream and nothing else. The publisher's
 * completion ends the body; cancellation means the client went away.
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body, Flow.Publisher<byte[]> bodyStream) {

    /** A complete answer. */
    public ApiResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    /** A streamed answer. */
    public static ApiResponse streaming(int status, Map<String, String> headers, Flow.Publisher<byte[]> chunks) {
        return new ApiResponse(status, headers, new byte[0], chunks);
    }

    public boolean isStreaming() {
        return bodyStream != null;
    }
}
