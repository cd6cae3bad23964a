package io.millrace.server.http;

import java.util.Map;

/**
 * What the API layer answers: status, headers and the complete body. The transport adds
 * {@code Content-Length} (or the HTTP/2 framing) and the CORS headers itself; header names are case-insensitive.
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
}
