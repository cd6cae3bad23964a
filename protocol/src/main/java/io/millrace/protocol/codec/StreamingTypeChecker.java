package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.millrace.protocol.model.BlobShape;
import io.millrace.protocol.model.BooleanShape;
import io.millrace.protocol.model.IntegerShape;
import io.millrace.protocol.model.ListShape;
import io.millrace.protocol.model.LongShape;
import io.millrace.protocol.model.MapShape;
import io.millrace.protocol.model.Member;
import io.millrace.protocol.model.Shape;
import io.millrace.protocol.model.StringShape;
import io.millrace.protocol.model.StructureShape;
import io.millrace.protocol.model.TimestampShape;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The type-checking phase run on the parser's tokens, for the bodies real clients send: it returns the normalised
 * tree {@link RequestTypeChecker} would return for the same body, without first building the parsed tree that
 * {@code RequestTypeChecker} copies. On a PutRecords body of 500 entries that parsed tree was about a third of the
 * gateway's decoding time.
 *
 * <p>It only takes the values that need no judgement: a token of exactly the shape's type (a string for a string,
 * an integer within the shape's range for an integer, a byte string or a base64 text for a blob, and so on), nulls
 * (dropped as the tree path drops them) and members the model does not know (skipped). On anything else (a type
 * mismatch, a value the tree path would convert or clamp, a member given twice, trailing content, a parse error) it
 * gives up and returns {@code null}, and the caller runs the tree path on the same bytes. So every error, and every
 * conversion AWS makes, still comes from one place: {@link RequestTypeChecker}. {@code StreamingTypeCheckProperties}
 * checks that the two agree wherever this one answers.
 *
 * <p>Stateless and thread-safe.
 */
final class StreamingTypeChecker {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamingTypeChecker() {
    }

    /** The normalised tree of the body {@code parser} reads, or {@code null} when the tree path must decide. */
    static ObjectNode tryCheck(StructureShape shape, JsonParser parser, WireFormat format) {
        try (parser) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode checked = structure(shape, parser, format);
            return parser.nextToken() == null ? checked : null; // the tree path refuses trailing content
        } catch (IOException | RuntimeException e) {
            return null; // GiveUp, or whatever the parser throws on hostile input: the tree path answers it
        }
    }

    private static ObjectNode structure(StructureShape shape, JsonParser parser, WireFormat format)
            throws IOException {
        List<Member> members = shape.members();
        JsonNode[] values = new JsonNode[members.size()];
        boolean[] seen = new boolean[members.size()];
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            int index = indexOf(members, name);
            if (index < 0 || RequestTypeChecker.IGNORED_MEMBERS.contains(name)) {
                parser.skipChildren();
                continue;
            }
            if (seen[index]) {
                throw GiveUp.INSTANCE; // the parsed tree keeps the last of duplicates; leave that to it
            }
            seen[index] = true;
            if (token != JsonToken.VALUE_NULL) {
                values[index] = value(members.get(index).shape(), token, parser, format);
            }
        }
        requireToken(parser, JsonToken.END_OBJECT);
        ObjectNode out = NODES.objectNode();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out.set(members.get(i).name(), values[i]); // model order, as the tree path writes it
            }
        }
        return out;
    }

    private static int indexOf(List<Member> members, String name) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode value(Shape shape, JsonToken token, JsonParser parser, WireFormat format)
            throws IOException {
        switch (token) {
            case START_OBJECT:
                if (shape instanceof StructureShape structure) {
                    return structure(structure, parser, format);
                }
                if (shape instanceof MapShape map) {
                    return map(map, parser, format);
                }
                throw GiveUp.INSTANCE;
            case START_ARRAY:
                if (shape instanceof ListShape list) {
                    return list(list, parser, format);
                }
                throw GiveUp.INSTANCE;
            case VALUE_STRING:
                if (shape instanceof StringShape) {
                    return TextNode.valueOf(parser.getText());
                }
                if (shape instanceof BlobShape) {
                    byte[] decoded = Base64Blob.tryDecode(parser.getText());
                    if (decoded != null) {
                        return BinaryNode.valueOf(decoded);
                    }
                }
                throw GiveUp.INSTANCE; // the tree path words the SerializationException
            case VALUE_EMBEDDED_OBJECT:
                if (shape instanceof BlobShape && parser.getEmbeddedObject() instanceof byte[] bytes) {
                    return BinaryNode.valueOf(bytes); // a CBOR byte string
                }
                throw GiveUp.INSTANCE;
            case VALUE_NUMBER_INT:
                return integer(shape, parser, format);
            case VALUE_TRUE:
            case VALUE_FALSE:
                if (shape instanceof BooleanShape) {
                    return BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
                }
                throw GiveUp.INSTANCE;
            default:
                throw GiveUp.INSTANCE; // floats, and anything the tree path must judge
        }
    }

    private static JsonNode integer(Shape shape, JsonParser parser, WireFormat format) throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        if (shape instanceof IntegerShape && type == JsonParser.NumberType.INT) {
            return IntNode.valueOf(parser.getIntValue());
        }
        boolean fitsLong = type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
        if (shape instanceof LongShape && fitsLong) {
            return LongNode.valueOf(parser.getLongValue());
        }
        if (shape instanceof TimestampShape && fitsLong) {
            // CBOR integers are epoch millis, JSON integers epoch seconds (see RequestTypeChecker)
            long value = parser.getLongValue();
            if (format == WireFormat.CBOR) {
                return LongNode.valueOf(value);
            }
            if (value > -Long.MAX_VALUE / 1000 && value < Long.MAX_VALUE / 1000) { // else the tree path clamps
                return LongNode.valueOf(value * 1000);
            }
        }
        throw GiveUp.INSTANCE; // clamping, flooring and type errors are the tree path's
    }

    private static ArrayNode list(ListShape shape, JsonParser parser, WireFormat format) throws IOException {
        ArrayNode out = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw GiveUp.INSTANCE;
            }
            if (token != JsonToken.VALUE_NULL) {
                out.add(value(shape.member(), token, parser, format));
            }
        }
        return out;
    }

    private static ObjectNode map(MapShape shape, JsonParser parser, WireFormat format) throws IOException {
        ObjectNode out = NODES.objectNode();
        Set<String> seen = new HashSet<>();
        String key;
        while ((key = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            if (!seen.add(key)) {
                throw GiveUp.INSTANCE;
            }
            if (token != JsonToken.VALUE_NULL) {
                out.set(key, value(shape.value(), token, parser, format));
            }
        }
        requireToken(parser, JsonToken.END_OBJECT);
        return out;
    }

    private static void requireToken(JsonParser parser, JsonToken expected) {
        if (parser.currentToken() != expected) {
            throw GiveUp.INSTANCE;
        }
    }

    /** "Let the tree path decide"; preallocated because it is control flow, not an error. */
    private static final class GiveUp extends RuntimeException {
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }
}
