package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Writes a response record as one object whose member names are the component names with the first letter
 * upper-cased, omitting null components. It counts members first so CBOR gets a definite-length map, which is
 * what AWS sends and what strict SDK parsers handle best.
 *
 * <p>Components whose values can only ever have one serializer (final types, and lists of final types) get it
 * once, when Jackson resolves this serializer; the rest are looked up per value by their runtime class. Responses
 * such as GetRecords' 10,000 records would otherwise pay a lookup for every member of every record.
 *
 * <p>Thread-safe after {@link #resolve}: one per record type and mapper, which Jackson caches.
 */
final class RecordSerializer extends StdSerializer<Object> implements ResolvableSerializer {
    /** Encoded once: generators copy their bytes instead of encoding the characters for every record. */
    private final SerializableString[] wireNames;
    private final Method[] accessors;
    private final JsonSerializer<Object>[] serializers; // null where the runtime class decides

    RecordSerializer(Class<?> recordType) {
        super(Object.class);
        RecordComponent[] components = recordType.getRecordComponents();
        wireNames = new SerializableString[components.length];
        accessors = new Method[components.length];
        @SuppressWarnings("unchecked")
        JsonSerializer<Object>[] none = new JsonSerializer[components.length];
        serializers = none;
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            wireNames[i] = new SerializedString(Character.toUpperCase(name.charAt(0)) + name.substring(1));
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true); // records declared in non-public scopes (tests, op packages)
        }
    }

    @Override
    public void resolve(SerializerProvider provider) throws JsonMappingException {
        for (int i = 0; i < accessors.length; i++) {
            Type declared = accessors[i].getGenericReturnType();
            if (hasOneSerializer(declared)) {
                JavaType type = provider.getTypeFactory().constructType(declared);
                serializers[i] = provider.findValueSerializer(type);
            }
        }
    }

    private static boolean hasOneSerializer(Type declared) {
        if (declared instanceof Class<?> type) {
            return type.isPrimitive() || type.isArray() || Modifier.isFinal(type.getModifiers());
        }
        return declared instanceof ParameterizedType list && list.getRawType() == List.class
                && hasOneSerializer(list.getActualTypeArguments()[0]);
    }

    @Override
    public void serialize(Object record, JsonGenerator gen, SerializerProvider provider) throws IOException {
        Object[] values = new Object[accessors.length];
        int present = 0;
        for (int i = 0; i < accessors.length; i++) {
            values[i] = read(accessors[i], record);
            present += values[i] == null ? 0 : 1;
        }
        gen.writeStartObject(record, present);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                gen.writeFieldName(wireNames[i]);
                if (serializers[i] != null) {
                    serializers[i].serialize(values[i], gen, provider);
                } else {
                    provider.defaultSerializeValue(values[i], gen);
                }
            }
        }
        gen.writeEndObject();
    }

    private static Object read(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor + " of a response record", e);
        }
    }
}
