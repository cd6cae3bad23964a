package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds a type-checked request tree to a request record by calling the record's canonical constructor directly,
 * following {@link KinesisProtocol}'s binding convention. A plan per record type (member name and converter per
 * component) is built once.
 *
 * <p>Why not Jackson's {@code treeToValue}: it replays the tree as a token stream through the bean deserializer,
 * which cost as much as parsing the CBOR body in the first place on PutRecords (500 entries, three members each).
 * This binder only handles what the convention names; a type it has no converter for, or a tree that does not fit
 * a plan (which {@link RequestTypeChecker} makes impossible for modelled members), makes {@link #tryBind} return
 * {@code null} so the caller falls back to Jackson and keeps its behaviour, errors included.
 *
 * <p>Thread-safe: plans are immutable and cached in a concurrent map.
 */
final class RequestBinder {
    private final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();

    /** The bound record, or {@code null} when this binder cannot bind {@code type} from {@code tree}. */
    <T> T tryBind(JsonNode tree, Class<T> type) {
        Plan plan = plans.computeIfAbsent(type, RequestBinder::planFor);
        if (plan == Plan.UNSUPPORTED) {
            return null;
        }
        try {
            return type.cast(plan.bind(tree));
        } catch (NotBindable e) {
            return null;
        }
    }

    /** Whether the binding convention covers {@code type}: a record without Jackson annotations. */
    static boolean isBindable(Class<?> type) {
        if (!type.isRecord() || hasJacksonAnnotation(type)) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (hasJacksonAnnotation(component)) {
                return false;
            }
        }
        return true;
    }

    /** The member name a component binds: {@code streamARN → StreamARN}. */
    static String wireName(RecordComponent component) {
        String name = component.getName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Plan planFor(Class<?> type) {
        if (!isBindable(type)) {
            return Plan.UNSUPPORTED;
        }
        RecordComponent[] components = type.getRecordComponents();
        String[] wireNames = new String[components.length];
        Converter[] converters = new Converter[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            wireNames[i] = wireName(component);
            converters[i] = converterFor(component.getGenericType());
            parameterTypes[i] = component.getType();
            if (converters[i] == null) {
                return Plan.UNSUPPORTED;
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true); // request records may live in non-exported or package-private scopes
            return new Plan(constructor, wireNames, converters, parameterTypes);
        } catch (NoSuchMethodException | RuntimeException e) {
            return Plan.UNSUPPORTED;
        }
    }

    private static boolean hasJacksonAnnotation(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().startsWith("com.fasterxml.jackson")) {
                return true;
            }
        }
        return false;
    }

    /** A converter for a declared component type, or {@code null} when Jackson must bind it. */
    private static Converter converterFor(Type declared) {
        if (declared instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                Converter element = converterFor(arguments[0]);
                return element == null ? null : node -> list(node, element);
            }
            if (raw == Map.class && arguments[0] == String.class) {
                Converter value = converterFor(arguments[1]);
                return value == null ? null : node -> map(node, value);
            }
            return null;
        }
        if (!(declared instanceof Class<?> type)) {
            return null;
        }
        return scalarConverterFor(type);
    }

    private static Converter scalarConverterFor(Class<?> type) {
        if (type == String.class) {
            return node -> require(node, node.isTextual()).textValue();
        }
        if (type == byte[].class) {
            return node -> ((BinaryNode) require(node, node instanceof BinaryNode)).binaryValue(); // no copy
        }
        if (type == Integer.class || type == int.class) {
            return node -> require(node, node.isInt()).intValue();
        }
        if (type == Long.class || type == long.class) {
            return node -> require(node, node.isIntegralNumber() && node.canConvertToLong()).longValue();
        }
        if (type == Boolean.class || type == boolean.class) {
            return node -> require(node, node.isBoolean()).booleanValue();
        }
        if (type == Double.class || type == double.class) {
            return node -> require(node, node.isDouble()).doubleValue();
        }
        if (type == Instant.class) {
            return node -> Instant.ofEpochMilli(require(node, node.isIntegralNumber()
                    && node.canConvertToLong()).longValue());
        }
        if (type.isEnum()) {
            return node -> {
                Object constant = enumConstant(type, require(node, node.isTextual()).textValue());
                return require(constant);
            };
        }
        if (type.isRecord()) {
            return new NestedRecord(type);
        }
        return null;
    }

    private static JsonNode require(JsonNode node, boolean fits) {
        if (!fits) {
            throw NotBindable.INSTANCE;
        }
        return node;
    }

    private static Object require(Object value) {
        if (value == null) {
            throw NotBindable.INSTANCE;
        }
        return value;
    }

    /** The constant of enum {@code type} named {@code name}, or {@code null}. */
    static Object enumConstant(Class<?> type, String name) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    private static List<Object> list(JsonNode node, Converter element) {
        if (!node.isArray()) {
            throw NotBindable.INSTANCE;
        }
        List<Object> out = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            out.add(item.isNull() ? null : element.convert(item));
        }
        return out;
    }

    private static Map<String, Object> map(JsonNode node, Converter value) {
        if (!node.isObject()) {
            throw NotBindable.INSTANCE;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.put(entry.getKey(), entry.getValue().isNull() ? null : value.convert(entry.getValue()));
        }
        return out;
    }

    /** Converts one non-null tree node to a component value; throws {@link NotBindable} when it does not fit. */
    @FunctionalInterface
    private interface Converter {
        Object convert(JsonNode node);
    }

    /**
     * A record-typed component. Its plan is built at first use rather than with the outer plan, so that a record
     * that (indirectly) contains itself does not recurse while planning; racing threads may each build it once.
     */
    private static final class NestedRecord implements Converter {
        private final Class<?> type;
        private volatile Plan plan;

        NestedRecord(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object convert(JsonNode node) {
            Plan current = plan;
            if (current == null) {
                current = planFor(type);
                plan = current;
            }
            if (current == Plan.UNSUPPORTED) {
                throw NotBindable.INSTANCE;
            }
            return current.bind(node);
        }
    }

    /** How to build one record type. */
    private record Plan(Constructor<?> constructor, String[] wireNames, Converter[] converters,
                        Class<?>[] parameterTypes) {
        static final Plan UNSUPPORTED = new Plan(null, new String[0], new Converter[0], new Class<?>[0]);

        Object bind(JsonNode tree) {
            if (!tree.isObject()) {
                throw NotBindable.INSTANCE;
            }
            Object[] arguments = new Object[converters.length];
            for (int i = 0; i < converters.length; i++) {
                JsonNode value = tree.get(wireNames[i]);
                arguments[i] = value == null || value.isNull()
                        ? absent(parameterTypes[i]) : converters[i].convert(value);
            }
            try {
                return constructor.newInstance(arguments);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                     | IllegalArgumentException e) {
                throw NotBindable.INSTANCE; // Jackson reports the failure its own way
            }
        }

    }

    /** What an absent member binds to: {@code null}, or a primitive's default. */
    static Object absent(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        throw NotBindable.INSTANCE;
    }

    /** Signals "let Jackson bind this"; preallocated because it is control flow, not an error. */
    private static final class NotBindable extends RuntimeException {
        static final NotBindable INSTANCE = new NotBindable();

        private NotBindable() {
            super(null, null, false, false);
        }
    }
}
