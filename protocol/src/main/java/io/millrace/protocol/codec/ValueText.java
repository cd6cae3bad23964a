package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import io.millrace.protocol.model.ListShape;
import io.millrace.protocol.model.Shape;
import io.millrace.protocol.model.StructureShape;

import java.util.Map;

/**
 * Renders a checked value as AWS's Java service prints it in validation messages: {@code null} bare, anything
 * else quoted; blobs as the {@code HeapByteBuffer} that held them, lists as {@code [a, b]}, maps as
 * {@code {k=v}}, structures as a Java object identity string such as
 * {@code com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310}. Stateless.
 */
final class ValueText {
    /** The package of AWS's generated request classes, as seen in recorded messages. */
    private static final String STRUCTURE_PACKAGE = "com.amazonaws.kinesis.v20131202.";

    private ValueText() {
    }

    /** {@code shape} is the model shape of {@code value}, used to name structures. */
    static String render(Shape shape, JsonNode value) {
        return value == null ? "null" : "'" + bare(shape, value) + "'";
    }

    private static String bare(Shape shape, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBinary()) {
            int length = ((BinaryNode) value).binaryValue().length;
            return "java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]";
        }
        if (value.isArray()) {
            Shape member = shape instanceof ListShape list ? list.member() : null;
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(bare(member, value.get(i)));
            }
            return out.append(']').toString();
        }
        if (value.isObject()) {
            return shape instanceof StructureShape structure
                    ? STRUCTURE_PACKAGE + structure.name() + "@" + Integer.toHexString(value.hashCode())
                    : mapText(value);
        }
        return value.asText();
    }

    private static String mapText(JsonNode value) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            out.append(first ? "" : ", ").append(entry.getKey()).append('=').append(bare(null, entry.getValue()));
            first = false;
        }
        return out.append('}').toString();
    }
}
