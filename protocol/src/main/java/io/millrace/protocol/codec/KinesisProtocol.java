package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.protocol.model.OperationModel;
import io.millrace.protocol.model.ServiceModel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kinesis wire codec: AWS JSON 1.1 and CBOR request decoding with model-driven type checking and
 * constraint validation, binding to request records, and response and error encoding (REFERENCE §1.2, §1.3,
 * §1.5, §7). Thread-safe; {@link #kinesis()} returns one shared instance built at first use.
 *
 * <h2>Binding convention</h2>
 * Request and response types are Java records whose component names are the model's member names with the
 * first letter lower-cased: {@code StreamName → streamName}, {@code StreamARN → streamARN},
 * {@code ShardId → shardId}. No annotations are needed; unknown members are ignored. Value types:
 * <ul>
 *   <li>blob ↔ {@code byte[]}; timestamp ↔ {@link java.time.Instant} (millisecond precision on the wire);</li>
 *   <li>integer ↔ {@code Integer}/{@code int}; long ↔ {@code Long}/{@code long}; boolean ↔ {@code Boolean};</li>
 *   <li>list ↔ {@code List<...>}; map ↔ {@code Map<String, String>}; structure ↔ nested record;</li>
 *   <li>enum ↔ a Java enum whose constant names equal the wire values, or {@code String}.</li>
 * </ul>
 * Absent members bind to {@code null} (or the primitive default). When encoding, {@code null} components are
 * omitted and empty lists are written; JSON timestamps become epoch seconds with fractional millis, CBOR
 * timestamps tag 1 + integer epoch millis, CBOR blobs byte strings.
 */
public final class KinesisProtocol {
    private static final byte[] NO_BODY = new byte[0];

    private final ServiceModel model;
    private final WireMappers mappers = new WireMappers();
    private final RequestBinder binder = new RequestBinder();
    private final StreamingBinder streamingBinder = new StreamingBinder();

    private KinesisProtocol(ServiceModel model) {
        this.model = model;
    }

    /** The codec for the bundled Kinesis model (base + 2026 supplement), built once per JVM. */
    public static KinesisProtocol kinesis() {
        return Shared.INSTANCE;
    }

    /** A codec for another model, e.g. one a test builds. */
    public static KinesisProtocol of(ServiceModel model) {
        return new KinesisProtocol(model);
    }

    public ServiceModel model() {
        return model;
    }

    /** Whether the model has this operation; case-sensitive ({@code "PutRecords"}). */
    public boolean hasOperation(String operationName) {
        return model.hasOperation(operationName);
    }

    /**
     * Parses {@code body}, type-checks it against the operation's input shape, normalises it and validates
     * its constraints. The result holds only modelled members, in model order: blobs as binary nodes,
     * timestamps as epoch-millis longs, integers floored and clamped.
     *
     * <p>Order as AWS (REFERENCE §1.4): an empty body is {@code UnknownOperationException} for an unknown
     * operation and {@code SerializationException} otherwise; a non-empty body is parsed first, so garbage
     * is a {@code SerializationException} even for an unknown operation.
     *
     * <p>Every error, and every value AWS converts, is decided here.
     *
     * @throws ApiException {@code SERIALIZATION} for unparseable bodies (no message) or type errors,
     *                      {@code VALIDATION} for constraint violations, {@code UNKNOWN_OPERATION}
     */
    public JsonNode decode(String operationName, WireFormat format, byte[] body) {
        if (body == null || body.length == 0) {
            throw (hasOperation(operationName) ? KinesisError.SERIALIZATION : KinesisError.UNKNOWN_OPERATION)
                    .withoutMessage();
        }
        ObjectNode parsed = parse(format, body);
        if (!hasOperation(operationName)) {
            throw KinesisError.UNKNOWN_OPERATION.withoutMessage();
        }
        OperationModel operation = model.operation(operationName);
        ObjectNode checked = RequestTypeChecker.check(operation.input(), parsed, format);
        ConstraintValidator.validate(operation.input(), checked);
        return checked;
    }

    /**
     * Decodes {@code body} as {@link #decode} does and binds it to {@code requestType} as {@link #bind} does, with
     * the same result and the same errors. Bodies of exactly typed, valid values (what real clients send) are decoded
     * in one pass straight off the parser's tokens ({@link StreamingBinder}); any other body takes the path of
     * {@link #decode}, which decides every error.
     */
    public <T> DecodedRequest<T> decodeRequest(String operationName, WireFormat format, byte[] body,
                                               Class<T> requestType) {
        if (body != null && body.length > 0 && hasOperation(operationName)) {
            DecodedRequest<T> streamed = streamingBinder.tryDecode(model.operation(operationName).input(),
                    requestType, parser(format, body), format);
            if (streamed != null) {
                return streamed;
            }
        }
        JsonNode tree = decode(operationName, format, body);
        return new DecodedRequest<>(bind(tree, requestType), topLevelStrings(tree));
    }

    /** The string members of a tree {@link #decode} returned, by wire name ({@link DecodedRequest#strings()}). */
    static Map<String, String> topLevelStrings(JsonNode tree) {
        Map<String, String> strings = new HashMap<>();
        tree.properties().forEach(member -> {
            if (member.getValue().isTextual()) {
                strings.put(member.getKey(), member.getValue().textValue());
            }
        });
        return strings;
    }

    private JsonParser parser(WireFormat format, byte[] body) {
        try {
            return mappers.factory(format).createParser(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a request body held in memory", e);
        }
    }

    private ObjectNode parse(WireFormat format, byte[] body) {
        JsonNode tree;
        try {
            tree = mappers.treeReader(format).readTree(body);
        } catch (IOException | RuntimeException e) {
            throw KinesisError.SERIALIZATION.withoutMessage(); // AWS sends no detail for unparseable bodies
        }
        if (tree == null || !tree.isObject()) {
            throw KinesisError.SERIALIZATION.withoutMessage();
        }
        return (ObjectNode) tree;
    }

    /**
     * Binds a tree returned by {@link #decode} to a request record following the binding convention above.
     *
     * @throws IllegalArgumentException when the record does not fit the tree, which is a programming error
     */
    public <T> T bind(JsonNode validated, Class<T> requestType) {
        T bound = binder.tryBind(validated, requestType);
        if (bound != null) {
            return bound;
        }
        try {
            return mappers.binder.treeToValue(validated, requestType);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("cannot bind request to " + requestType.getName(), e);
        }
    }

    /** Encodes a response record in {@code format}; {@code null} (operations without output) gives no bytes. */
    public byte[] encodeResponse(Object response, WireFormat format) {
        if (response == null) {
            return NO_BODY;
        }
        try {
            return mappers.writer(format).writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + response.getClass().getName(), e);
        }
    }

    /**
     * Encodes a response record in {@code format} into {@code out}, which stays open; {@code null} writes nothing.
     * Lets the server encode straight into a transport buffer instead of a heap array that is copied again.
     */
    public void encodeResponse(Object response, WireFormat format, OutputStream out) throws IOException {
        if (response == null) {
            return;
        }
        ObjectWriter writer = mappers.writer(format);
        try (JsonGenerator gen = writer.createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writer.writeValue(gen, response);
        }
    }

    /**
     * The error body: {@code {"__type": ..., "message": ...}}, with {@code "Message"} for type-check
     * SerializationExceptions and no message member when {@link ApiException#wireMessage()} is null.
     */
    public byte[] encodeError(ApiException error, WireFormat format) {
        String message = error.wireMessage();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (message == null ? 0 : message.length() * 2));
        try (JsonGenerator gen = mappers.factory(format).createGenerator(out)) {
            gen.writeStartObject(error, message == null ? 1 : 2);
            gen.writeStringField("__type", error.error().type());
            if (message != null) {
                gen.writeStringField(error.usesCapitalMessageKey() ? "Message" : "message", message);
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode error body", e);
        }
        return out.toByteArray();
    }

    private static final class Shared {
        static final KinesisProtocol INSTANCE = new KinesisProtocol(ServiceModel.kinesis());
    }
}
