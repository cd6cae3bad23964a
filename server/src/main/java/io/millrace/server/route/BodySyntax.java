package io.millrace.server.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORMapper;
import io.millrace.protocol.codec.WireFormat;

import java.io.IOException;

/**
 * Whether a body is syntactically one JSON object / CBOR map. AWS parses the body before it looks at the target, so
 * an unknown operation with a garbage body is a SerializationException and with a good body an
 * UnknownOperationException.
 */
final class BodySyntax {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new CBORMapper();

    private BodySyntax() {
    }

    static boolean isObject(WireFormat format, byte[] body) {
        try {
            JsonNode tree = (format == WireFormat.CBOR ? CBOR : JSON).readTree(body);
            return tree != null && tree.isObject();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
