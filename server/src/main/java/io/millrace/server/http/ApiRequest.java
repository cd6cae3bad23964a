package io.millrace.server.http;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What the transport hands to the API layer: one complete request, whatever protocol carried it.
 *
 * <p>Header names are lower-cased; a header sent several times appears once with its values joined by
 * {@code ","}. The body is fully aggregated. {@code query} is the raw query string after {@code ?} (not decoded),
 * or the empty string. {@code protocolVersion} is {@code "HTTP/1.1"} (or {@code "HTTP/1.0"}) or {@code "HTTP/2"}.
 * Immutable apart from the body array, which the transport never touches after handing it over.
 *
 * <p>{@code responseExecutor} runs tasks on the thread that writes this request's response (the connection's event
 * loop). An answer that only becomes ready later, on some other thread (a write waiting for its fsync), is best
 * finished there: the response then goes out without one more hand-off between threads, and every hand-off to a
 * parked thread costs latency.
 */
public record ApiRequest(String method, String path, String query, Map<String, String> headers,
                         byte[] body, boolean isTls, String protocolVersion, Executor responseExecutor) {

    public static final String HTTP_2 = "HTTP/2";

    /** The value of a header by its lower-case name, or {@code null} when absent. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
