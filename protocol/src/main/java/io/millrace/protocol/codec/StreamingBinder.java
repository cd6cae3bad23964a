package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.millrace.protocol.model.BlobShape;
import io.millrace.protocol.model.BooleanShape;
import io.millrace.protocol.model.DoubleShape;
import io.millrace.protocol.model.Bounds;
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
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request decoding in one pass over the parser's tokens for the bodies real clients send: type check, constraint
 * check and binding to the request record together, without the normalised tree that the full path
 * ({@link RequestTypeChecker}, {@link ConstraintValidator}, {@link RequestBinder}) builds and walks twice. On a
 * PutRecords body of 500 entries that tree, its validation walk and its binding walk were most of the decoding time.
 *
 * <p>It only takes what needs no judgement: a token of exactly the shape's type (a string for a string, an integer
 * within the shape's range for an integer, a byte string or a base64 text for a blob, and so on) that meets every
 * constraint of its shape, nulls (dropped as the full path drops them) and members the model does not know
 * (skipped). On anything else (a type mismatch, a value the full path would convert or clamp, a constraint
 * violation, a missing required member, a member given twice, trailing content, a parse error) it gives up and
 * returns {@code null}, and the caller runs the full path on the same bytes. So every error, and every conversion
 * AWS makes, still comes from one place. It binds only the record types {@link RequestBinder} binds (the binding
 * convention of {@link KinesisProtocol}); for any other type it gives up before reading. The properties in
 * {@code StreamingBinderProperties} check that it answers exactly as the full path wherever it answers, and that it
 * answers every valid body of exact values.
 *
 * <p>Thread-safe: plans are immutable and cached per record type.
 */
final class StreamingBinder {
    private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();

    /**
     * The request {@code parser} reads, bound to {@code type}, with its top-level string members; {@code null} when
     * the full path must decide.
     */
    <T> DecodedRequest<T> tryDecode(StructureShape shape, Class<T> type, JsonParser parser, WireFormat format) {
        Plan plan = plans.computeIfAbsent(new PlanKey(shape, type), key -> Plan.of(shape, type));
        if (plan == Plan.UNSUPPORTED) {
            return null;
        }
        try (parser) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object[] values = plan.readMembers(parser, format);
            if (parser.nextToken() != null) {
                return null; // the full path refuses trailing content
            }
            return new DecodedRequest<>(type.cast(plan.construct(values)), plan.strings(values));
        } catch (IOException | RuntimeException e) {
            return null; // GiveUp, or whatever the parser throws on hostile input: the full path answers it
        }
    }

    /** A plan's key: the shape by identity (shapes are records, and comparing them would walk the model). */
    private static final class PlanKey {
        private final StructureShape shape;
        private final Class<?> type;

        PlanKey(StructureShape shape, Class<?> type) {
            this.shape = shape;
            this.type = type;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PlanKey key && key.shape == shape && key.type == type;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(shape) + type.hashCode();
        }
    }

    /** Reads one non-null value whose first token is current; throws {@link GiveUp} for the full path. */
    @FunctionalInterface
    private interface Reader {
        Object read(JsonToken token, JsonParser parser, WireFormat format) throws IOException;
    }

    /** How to read and build one structure as one record type. */
    private static final class Plan {
        static final Plan UNSUPPORTED = new Plan(null, null, null, null, null);

        private final List<Member> members;
        /** Per member: its reader. */
        private final Reader[] readers;
        /** Per member: the record component it binds to, or -1 when the record has none (read and dropped). */
        private final int[] components;
        private final Constructor<?> constructor;
        private final Class<?>[] componentTypes;

        private Plan(StructureShape shape, Reader[] readers, int[] components, Constructor<?> constructor,
                     Class<?>[] componentTypes) {
            this.members = shape == null ? List.of() : shape.members();
            this.readers = readers;
            this.components = components;
            this.constructor = constructor;
            this.componentTypes = componentTypes;
        }

        /** The plan for binding {@code shape} to record {@code type}; {@code null}: read, check and drop it. */
        static Plan of(StructureShape shape, Class<?> type) {
            if (type != null && !RequestBinder.isBindable(type)) {
                return UNSUPPORTED;
            }
            RecordComponent[] recordComponents = type == null ? new RecordComponent[0] : type.getRecordComponents();
            Class<?>[] componentTypes = new Class<?>[recordComponents.length];
            for (int i = 0; i < recordComponents.length; i++) {
                componentTypes[i] = recordComponents[i].getType();
            }
            List<Member> members = shape.members();
            Reader[] readers = new Reader[members.size()];
            int[] components = new int[members.size()];
            for (int m = 0; m < members.size(); m++) {
                Member member = members.get(m);
                components[m] = -1;
                Type declared = null;
                for (int c = 0; c < recordComponents.length; c++) {
                    if (RequestBinder.wireName(recordComponents[c]).equals(member.name())) {
                        components[m] = c;
                        declared = recordComponents[c].getGenericType();
                    }
                }
                readers[m] = readerFor(member.shape(), declared);
                if (readers[m] == null) {
                    return UNSUPPORTED;
                }
            }
            if (type == null) {
                return new Plan(shape, readers, components, null, componentTypes);
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(componentTypes);
                constructor.setAccessible(true); // request records may live in non-exported or package-private scopes
                return new Plan(shape, readers, components, constructor, componentTypes);
            } catch (NoSuchMethodException | RuntimeException e) {
                return UNSUPPORTED;
            }
        }

        /** Reads the members of an object whose start was just read, through its end; values by member index. */
        Object[] readMembers(JsonParser parser, WireFormat format) throws IOException {
            Object[] values = new Object[members.size()];
            boolean[] seen = new boolean[members.size()];
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                int index = indexOf(name);
                if (index < 0 || RequestTypeChecker.IGNORED_MEMBERS.contains(name)) {
                    parser.skipChildren();
                    continue;
                }
                if (seen[index]) {
                    throw GiveUp.INSTANCE; // the parsed tree keeps the last of duplicates; leave that to it
                }
                seen[index] = true;
                if (token != JsonToken.VALUE_NULL) {
                    values[index] = readers[index].read(token, parser, format);
                }
            }
            requireToken(parser, JsonToken.END_OBJECT);
            for (int m = 0; m < values.length; m++) {
                if (values[m] == null && members.get(m).required()) {
                    throw GiveUp.INSTANCE; // "Member must not be null" is the full path's to word
                }
            }
            return values;
        }

        /** The record of {@code values}; with no record type, the values themselves, which nobody reads. */
        Object construct(Object[] values) {
            if (constructor == null) {
                return values;
            }
            Object[] arguments = new Object[componentTypes.length];
            for (int m = 0; m < values.length; m++) {
                if (components[m] >= 0) {
                    arguments[components[m]] = values[m];
                }
            }
            for (int c = 0; c < arguments.length; c++) {
                if (arguments[c] == null) {
                    arguments[c] = RequestBinder.absent(componentTypes[c]);
                }
            }
            try {
                return constructor.newInstance(arguments);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                     | IllegalArgumentException e) {
                throw GiveUp.INSTANCE; // the full path reports the failure its own way
            }
        }

        /** The string members read at this level, by wire name: what authorization looks at. */
        Map<String, String> strings(Object[] values) {
            Map<String, String> strings = new HashMap<>();
            for (int m = 0; m < values.length; m++) {
                if (members.get(m).shape() instanceof StringShape && values[m] != null) {
                    strings.put(members.get(m).name(),
                            values[m] instanceof Enum<?> constant ? constant.name() : (String) values[m]);
                }
            }
            return strings;
        }

        private int indexOf(String name) {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * A reader of {@code shape} producing the value {@link RequestBinder} would bind to {@code declared} (the
     * component's type; {@code null} when the record has no such component, and the value is read and dropped), or
     * {@code null} when there is no such reader and the full path must bind.
     */
    private static Reader readerFor(Shape shape, Type declared) {
        Class<?> raw = declared == null ? null
                : declared instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : declared instanceof Class<?> type ? type : Object.class;
        boolean isParameterized = declared == null || declared instanceof ParameterizedType;
        if (shape instanceof StringShape string) {
            if (raw == null || raw == String.class) {
                return (token, parser, format) -> string(string, token, parser);
            }
            if (raw.isEnum()) {
                return (token, parser, format) -> {
                    Object constant = RequestBinder.enumConstant(raw, string(string, token, parser));
                    if (constant == null) {
                        throw GiveUp.INSTANCE;
                    }
                    return constant;
                };
            }
            return null;
        }
        if (shape instanceof BlobShape blob) {
            return raw == null || raw == byte[].class ? (token, parser, format) -> blob(blob, token, parser) : null;
        }
        if (shape instanceof IntegerShape integer) {
            if (raw == null || raw == Integer.class || raw == int.class) {
                return (token, parser, format) -> (int) integral(integer.range(), token, parser, true);
            }
            if (raw == Long.class || raw == long.class) {
                return (token, parser, format) -> integral(integer.range(), token, parser, true);
            }
            return null;
        }
        if (shape instanceof LongShape longShape) {
            return raw == null || raw == Long.class || raw == long.class
                    ? (token, parser, format) -> integral(longShape.range(), token, parser, false) : null;
        }
        if (shape instanceof TimestampShape) {
            if (raw == null || raw == Instant.class) {
                return (token, parser, format) -> Instant.ofEpochMilli(timestampMillis(token, parser, format));
            }
            return raw == Long.class || raw == long.class
                    ? (token, parser, format) -> timestampMillis(token, parser, format) : null;
        }
        if (shape instanceof BooleanShape) {
            return raw == null || raw == Boolean.class || raw == boolean.class
                    ? (token, parser, format) -> bool(token) : null;
        }
        if (shape instanceof ListShape list) {
            return (raw == null || raw == List.class) && isParameterized
                    ? listReader(list, typeArgument(declared, 0)) : null;
        }
        if (shape instanceof MapShape map) {
            boolean stringKeys = declared == null || typeArgument(declared, 0) == String.class;
            return (raw == null || raw == Map.class) && isParameterized && stringKeys
                    ? mapReader(map, typeArgument(declared, 1)) : null;
        }
        if (shape instanceof StructureShape structure) {
            return raw == null || raw.isRecord() ? new NestedRecord(structure, raw) : null;
        }
        if (shape instanceof DoubleShape) {
            return (token, parser, format) -> {
                throw GiveUp.INSTANCE; // doubles are the full path's
            };
        }
        return null;
    }

    private static Type typeArgument(Type declared, int index) {
        return declared instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments()[index] : null;
    }

    private static String string(StringShape shape, JsonToken token, JsonParser parser) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw GiveUp.INSTANCE;
        }
        String text = parser.getText();
        if (!ElementRules.accepts(shape, text)) {
            throw GiveUp.INSTANCE;
        }
        return text;
    }

    private static byte[] blob(BlobShape shape, JsonToken token, JsonParser parser) throws IOException {
        byte[] bytes = null;
        if (token == JsonToken.VALUE_EMBEDDED_OBJECT && parser.getEmbeddedObject() instanceof byte[] embedded) {
            bytes = embedded; // a CBOR byte string
        } else if (token == JsonToken.VALUE_STRING) {
            bytes = Base64Blob.tryDecode(parser.getText());
        }
        if (bytes == null || !within(shape.length(), bytes.length)) {
            throw GiveUp.INSTANCE; // the full path words the SerializationException or ValidationException
        }
        return bytes;
    }

    /** An integer token within {@code range}; {@code isInteger} when the shape is a 32-bit integer. */
    private static long integral(Bounds range, JsonToken token, JsonParser parser, boolean isInteger)
            throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw GiveUp.INSTANCE;
        }
        JsonParser.NumberType type = parser.getNumberType();
        boolean fits = type == JsonParser.NumberType.INT || !isInteger && type == JsonParser.NumberType.LONG;
        if (!fits) {
            throw GiveUp.INSTANCE; // clamping and flooring are the full path's
        }
        long value = parser.getLongValue();
        if (!within(range, value)) {
            throw GiveUp.INSTANCE;
        }
        return value;
    }

    private static long timestampMillis(JsonToken token, JsonParser parser, WireFormat format) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw GiveUp.INSTANCE; // fractional seconds, and words, are the full path's
        }
        JsonParser.NumberType type = parser.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw GiveUp.INSTANCE;
        }
        long value = parser.getLongValue(); // CBOR integers are epoch millis, JSON integers epoch seconds
        if (format == WireFormat.CBOR) {
            return value;
        }
        if (value > -Long.MAX_VALUE / 1000 && value < Long.MAX_VALUE / 1000) {
            return value * 1000;
        }
        throw GiveUp.INSTANCE; // the full path clamps
    }

    private static Boolean bool(JsonToken token) {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        throw GiveUp.INSTANCE; // words for booleans are the full path's
    }

    private static boolean within(Bounds bounds, long value) {
        return value >= bounds.min() && value <= bounds.max();
    }

    private static Reader listReader(ListShape shape, Type elementType) {
        Reader element = readerFor(shape.member(), elementType);
        if (element == null) {
            return null;
        }
        Reader elements = element;
        return (token, parser, format) -> {
            if (token != JsonToken.START_ARRAY) {
                throw GiveUp.INSTANCE;
            }
            List<Object> out = new ArrayList<>();
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (next == null) {
                    throw GiveUp.INSTANCE;
                }
                if (next != JsonToken.VALUE_NULL) {
                    out.add(elements.read(next, parser, format));
                }
            }
            if (!within(shape.length(), out.size())) {
                throw GiveUp.INSTANCE;
            }
            return out;
        };
    }

    private static Reader mapReader(MapShape shape, Type valueType) {
        Reader value = readerFor(shape.value(), valueType);
        if (value == null) {
            return null;
        }
        return (token, parser, format) -> {
            if (token != JsonToken.START_OBJECT) {
                throw GiveUp.INSTANCE;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            String key;
            while ((key = parser.nextFieldName()) != null) {
                JsonToken next = parser.nextToken();
                if (!seen.add(key) || !ElementRules.accepts(shape.key(), key)) {
                    throw GiveUp.INSTANCE; // the parsed tree keeps the last of repeated keys; leave that to it
                }
                if (next != JsonToken.VALUE_NULL) {
                    out.put(key, value.read(next, parser, format)); // nulls are dropped, as the full path drops them
                }
            }
            requireToken(parser, JsonToken.END_OBJECT);
            if (!within(shape.length(), out.size())) {
                throw GiveUp.INSTANCE;
            }
            return out;
        };
    }

    /**
     * A structure member, bound to a record ({@code type}) or, when the enclosing record has no component for it
     * ({@code null}), checked and dropped. Its plan is built at first use rather than with the outer plan, so that a
     * structure that (indirectly) contains itself does not recurse while planning; racing threads may each build it
     * once.
     */
    private static final class NestedRecord implements Reader {
        private final StructureShape shape;
        private final Class<?> type;
        private volatile Plan plan;

        NestedRecord(StructureShape shape, Class<?> type) {
            this.shape = shape;
            this.type = type;
        }

        @Override
        public Object read(JsonToken token, JsonParser parser, WireFormat format) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                throw GiveUp.INSTANCE;
            }
            Plan current = plan;
            if (current == null) {
                current = Plan.of(shape, type);
                plan = current;
            }
            if (current == Plan.UNSUPPORTED) {
                throw GiveUp.INSTANCE;
            }
            return current.construct(current.readMembers(parser, format));
        }
    }

    private static void requireToken(JsonParser parser, JsonToken expected) {
        if (parser.currentToken() != expected) {
            throw GiveUp.INSTANCE;
        }
    }

    /** "Let the full path decide"; preallocated because it is control flow, not an error. */
    private static final class GiveUp extends RuntimeException {
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }
}
