package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.model.BlobShape;
import io.millrace.protocol.model.BooleanShape;
import io.millrace.protocol.model.DoubleShape;
import io.millrace.protocol.model.IntegerShape;
import io.millrace.protocol.model.ListShape;
import io.millrace.protocol.model.LongShape;
import io.millrace.protocol.model.MapShape;
import io.millrace.protocol.model.Member;
import io.millrace.protocol.model.Shape;
import io.millrace.protocol.model.StringShape;
import io.millrace.protocol.model.StructureShape;
import io.millrace.protocol.model.TimestampShape;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The type-checking phase of request decoding (REFERENCE §7.2): walks a parsed body against the operation's
 * input shape and returns a normalised copy, or throws the SerializationException AWS sends for the first
 * mismatch. The copy holds only modelled, non-null members in model order; integers floored and clamped,
 * blobs as {@link BinaryNode}, timestamps as {@link LongNode} epoch millis, boolean strings as booleans.
 * Stateless and thread-safe.
 */
final class RequestTypeChecker {
    /**
     * {@code StreamId} is "reserved for future use"; any client sending it has had its endpoint rewritten to
     * AWS already (REFERENCE §1.6). We accept it without checking it.
     */
    static final Set<String> IGNORED_MEMBERS = Set.of("StreamId");
    private static final Set<String> BOOLEAN_WORDS_TRUE = Set.of("true", "1", "yes");
    private static final Set<String> BOOLEAN_WORDS_FALSE = Set.of("false", "0", "no");
    private static final String NUMBER_CLASS = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
    private static final String START_OF_LIST = "Start of list found where not expected";
    private static final String START_OF_OBJECT = "Start of structure or map found where not expected.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestTypeChecker() {
    }

    static ObjectNode check(StructureShape shape, ObjectNode body, WireFormat format) {
        return structure(shape, body, format);
    }

    private static ObjectNode structure(StructureShape shape, ObjectNode body, WireFormat format) {
        ObjectNode out = NODES.objectNode();
        for (Member member : shape.members()) {
            JsonNode value = body.get(member.name());
            if (value == null || value.isNull() || value.isMissingNode()
                    || IGNORED_MEMBERS.contains(member.name())) {
                continue;
            }
            out.set(member.name(), value(member.shape(), value, format));
        }
        return out;
    }

    private static JsonNode value(Shape shape, JsonNode value, WireFormat format) {
        if (shape instanceof StructureShape structure) {
            return asStructure(structure, value, format);
        }
        if (shape instanceof ListShape list) {
            return asList(list, value, format);
        }
        if (shape instanceof MapShape map) {
            return asMap(map, value, format);
        }
        rejectContainer(value);
        if (shape instanceof StringShape) {
            return asString(value);
        }
        if (shape instanceof IntegerShape) {
            return IntNode.valueOf((int) floorClamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "Integer"));
        }
        if (shape instanceof LongShape) {
            return LongNode.valueOf(floorClamp(value, Long.MIN_VALUE, Long.MAX_VALUE, "Long"));
        }
        if (shape instanceof DoubleShape) {
            requireNumber(value, "an Double");
            return DoubleNode.valueOf(value.doubleValue());
        }
        if (shape instanceof BooleanShape) {
            return asBoolean(value);
        }
        if (shape instanceof BlobShape) {
            return asBlob(value);
        }
        if (shape instanceof TimestampShape) {
            return LongNode.valueOf(asEpochMillis(value, format));
        }
        throw new IllegalStateException("unhandled shape type " + shape);
    }

    private static ObjectNode asStructure(StructureShape shape, JsonNode value, WireFormat format) {
        if (value.isArray()) {
            throw ApiException.typeError(START_OF_LIST);
        }
        if (!value.isObject()) {
            throw ApiException.typeError("Expected null");
        }
        return structure(shape, (ObjectNode) value, format);
    }

    private static ArrayNode asList(ListShape shape, JsonNode value, WireFormat format) {
        if (value.isObject()) {
            throw ApiException.typeError(START_OF_OBJECT);
        }
        if (!value.isArray()) {
            throw ApiException.typeError("Expected list or null");
        }
        ArrayNode out = NODES.arrayNode(value.size());
        for (JsonNode element : value) {
            if (!element.isNull()) {
                out.add(value(shape.member(), element, format));
            }
        }
        return out;
    }

    private static ObjectNode asMap(MapShape shape, JsonNode value, WireFormat format) {
        if (value.isArray()) {
            throw ApiException.typeError(START_OF_LIST);
        }
        if (!value.isObject()) {
            throw ApiException.typeError("Expected map or null");
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isNull()) {
                out.set(entry.getKey(), value(shape.value(), entry.getValue(), format));
            }
        }
        return out;
    }

    private static void rejectContainer(JsonNode value) {
        if (value.isArray()) {
            throw ApiException.typeError(START_OF_LIST);
        }
        if (value.isObject()) {
            throw ApiException.typeError(START_OF_OBJECT);
        }
    }

    private static JsonNode asString(JsonNode value) {
        if (!value.isTextual()) {
            throw ApiException.typeError(javaClassOf(value) + " can not be converted to an String");
        }
        return value;
    }

    private static void requireNumber(JsonNode value, String target) {
        if (!value.isNumber()) {
            throw ApiException.typeError(javaClassOf(value) + " can not be converted to " + target);
        }
    }

    /** AWS floors fractional integers and clamps them into the Java type's range rather than rejecting them. */
    private static long floorClamp(JsonNode value, long min, long max, String typeName) {
        requireNumber(value, "an " + typeName);
        long floored;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            floored = value.longValue();
        } else if (value.isIntegralNumber()) {
            floored = value.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        } else if (value.isBigDecimal()) {
            floored = EpochTime.clampToLong(value.decimalValue().setScale(0, RoundingMode.FLOOR));
        } else {
            double d = value.doubleValue();
            floored = Double.isNaN(d) ? 0 : (long) Math.floor(d); // the cast saturates at the long range
        }
        return Math.max(min, Math.min(max, floored));
    }

    private static JsonNode asBoolean(JsonNode value) {
        if (value.isBoolean()) {
            return value;
        }
        if (value.isTextual()) {
            String word = value.textValue().toLowerCase(Locale.ROOT);
            if (BOOLEAN_WORDS_TRUE.contains(word) || BOOLEAN_WORDS_FALSE.contains(word)) {
                return BooleanNode.valueOf(BOOLEAN_WORDS_TRUE.contains(word));
            }
            throw ApiException.typeError("'" + value.textValue().toUpperCase(Locale.ROOT)
                    + "' can not be converted to an Boolean");
        }
        if (value.isFloatingPointNumber()) {
            return BooleanNode.valueOf(value.doubleValue() != 0); // AWS accepts doubles here (REFERENCE §7.2)
        }
        throw ApiException.typeError(javaClassOf(value) + " can not be converted to an Boolean");
    }

    private static JsonNode asBlob(JsonNode value) {
        if (value.isBinary()) {
            return value;
        }
        if (value.isTextual()) {
            return BinaryNode.valueOf(Base64Blob.decode(value.textValue()));
        }
        throw ApiException.typeError(javaClassOf(value) + " can not be converted to a Blob");
    }

    /**
     * JSON numbers are epoch seconds. In CBOR the Java SDK sends tag 1 with integer epoch <em>millis</em>
     * (contrary to RFC 8949), so integers there are millis and only floats are seconds.
     */
    private static long asEpochMillis(JsonNode value, WireFormat format) {
        if (!value.isNumber()) {
            throw ApiException.typeError(javaClassOf(value) + " can not be converted to milliseconds since epoch");
        }
        if (value.isIntegralNumber()) {
            BigDecimal whole = new BigDecimal(value.bigIntegerValue());
            return EpochTime.clampToLong(format == WireFormat.CBOR ? whole : whole.movePointRight(3));
        }
        return value.isBigDecimal()
                ? EpochTime.millisFromSeconds(value.decimalValue())
                : EpochTime.millisFromSeconds(value.doubleValue());
    }

    /** The Java class AWS's front end names in type errors for a value of this kind. */
    private static String javaClassOf(JsonNode value) {
        if (value.isTextual()) {
            return "class java.lang.String";
        }
        if (value.isBoolean()) {
            return "class java.lang.Boolean";
        }
        if (value.isNumber()) {
            return NUMBER_CLASS;
        }
        return "class java.nio.HeapByteBuffer"; // a CBOR byte string; not recorded against AWS
    }
}
