package io.millrace.server.route;

import io.millrace.server.http.ApiResponse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The deprecated Coral {@code application/json} protocol: AWS parses the body and then refuses every operation
 * (reference §1.4 steps 5 and 6).
 */
final class CoralJson {
    private static final String CONTENT_TYPE = "application/json";

    private CoralJson() {
    }

    static boolean isCoralJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return CONTENT_TYPE.equals(bare.trim().toLowerCase(Locale.ROOT));
    }

    static ApiResponse answer(boolean parses, String requestId) {
        String type = parses ? "UnknownOperationException" : "SerializationException";
        String json = "{\"Output\":{\"__type\":\"com.amazon.coral.service#" + type + "\"},\"Version\":\"1.0\"}";
        return new ApiResponse(parses ? 404 : 400, Map.of(
                "Content-Type", CONTENT_TYPE,
                ResponseWriter.REQUEST_ID_HEADER, requestId), json.getBytes(StandardCharsets.UTF_8));
    }
}
