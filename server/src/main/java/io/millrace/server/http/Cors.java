package io.millrace.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CORS behaviour AWS shows (KINESIS-REFERENCE §1.1): any request with {@code Origin} may be read from any
 * origin, and a preflight ({@code OPTIONS} + {@code Origin}) is answered by the transport itself, echoing what the
 * browser asked for. Stateless.
 */
final class Cors {
    static final String EXPOSED_HEADERS =
            "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date";
    static final String MAX_AGE_SECONDS = "172800";

    private Cors() {
    }

    static boolean isPreflight(ApiRequest request) {
        return "OPTIONS".equals(request.method()) && request.header("origin") != null;
    }

    static ApiResponse preflight(ApiRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", "*");
        String requestedHeaders = request.header("access-control-request-headers");
        if (requestedHeaders != null) {
            headers.put("Access-Control-Allow-Headers", requestedHeaders);
        }
        String requestedMethod = request.header("access-control-request-method");
        if (requestedMethod != null) {
            headers.put("Access-Control-Allow-Methods", requestedMethod);
        }
        headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        return new ApiResponse(200, headers, new byte[0]);
    }

    /** Adds the headers every answer to a cross-origin request carries. Preflight answers already have theirs. */
    static void decorate(ApiRequest request, io.netty.handler.codec.http.HttpHeaders responseHeaders) {
        if (request.header("origin") == null || isPreflight(request)) {
            return;
        }
        responseHeaders.set("Access-Control-Allow-Origin", "*");
        responseHeaders.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
}
