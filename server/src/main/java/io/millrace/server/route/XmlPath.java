package io.millrace.server.route;

import io.millrace.protocol.error.ApiException;
import io.millrace.server.http.ApiResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Answers requests that AWS routes down its "XML path": anything that is not a POST, and POSTs whose non-empty body
 * has a missing or unsupported content type (reference §1.4 step 2). On this path AWS checks only that a signature is
 * present and complete ({@link #authenticationFailure}); the answers below are for requests that pass that. The
 * bodies carry no Content-Type, as AWS sends them.
 */
final class XmlPath {
    private XmlPath() {
    }

    static ApiResponse answer(Target target, boolean isOwnService, boolean isKnownOperation, String requestId) {
        if (target.service() == null) {
            return xml(403, requestId, "AccessDeniedException",
                    "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized"
                            + "</Message>\n</AccessDeniedException>\n");
        }
        if (!isOwnService) {
            return xml(403, requestId, "UnrecognizedClientException",
                    "<UnrecognizedClientException>\n  <Message>No authorization strategy was found for service: "
                            + target.service() + ", operation: " + target.operation()
                            + "</Message>\n</UnrecognizedClientException>\n");
        }
        if (!isKnownOperation) {
            return xml(500, requestId, "InternalFailure", "<InternalFailure/>\n");
        }
        return xml(404, requestId, "UnknownOperationException", "<UnknownOperationException/>\n");
    }

    /** A missing or incomplete signature on this path: 403 and the error as XML. */
    static ApiResponse authenticationFailure(ApiException failure, String requestId) {
        String type = failure.error().type();
        return xml(403, requestId, type, "<" + type + ">\n  <Message>" + escape(failure.wireMessage())
                + "</Message>\n</" + type + ">\n");
    }

    /** {@code text} as XML character data. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ApiResponse xml(int status, String requestId, String errorType, String body) {
        return new ApiResponse(status, Map.of(
                ResponseWriter.REQUEST_ID_HEADER, requestId,
                ResponseWriter.ERROR_TYPE_HEADER, errorType), body.getBytes(StandardCharsets.UTF_8));
    }
}
