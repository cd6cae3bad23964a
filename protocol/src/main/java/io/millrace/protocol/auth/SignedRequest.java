package io.millrace.protocol.auth;

import java.util.Map;

/**
 * A request as the client sent it, in the form SigV4 is computed over: the method, the raw (still percent-encoded)
 * path and query, headers by lower-case name (a header sent several times has its values joined with {@code ","})
 * and the body. Immutable apart from the body array, which nobody writes after construction.
 *
 * @param rawQuery the query string after {@code ?}, not decoded; empty when there is none
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, String> headers,
                            byte[] body) {

    public SignedRequest {
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
    }

    /** HTTP/2's form of {@code host}, which some clients (the AWS SDK for JavaScript v3) sign under this name. */
    public static final String AUTHORITY = ":authority";

    /**
     * A header by its lower-case name, or {@code null}. {@link #AUTHORITY} is the {@code host} header when the
     * request carries no header of that name: the HTTP/2 transport hands the pseudo-header over as {@code host}.
     */
    public String header(String lowerCaseName) {
        String value = headers.get(lowerCaseName);
        return value == null && AUTHORITY.equals(lowerCaseName) ? headers.get("host") : value;
    }
}
