package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Writes a response record as one object whose member names are the component names with the first letter
 * upper-cased, omitting null components. It counts members first so CBOR gets a definite-length map, which is
 * what AWS sends and what strict SDK parsers handle best. Immutable and thread-safe; one per record type.
 */
final class RecordSerializer extends StdSerializer<Object> {
    private final String[] wireNames;
    private final Method[] accessors;

    RecordSerializer(Class<?> recordType) {
        super(Object.class);
        RecordComponent[] components = recordType.getRecordComponents();
        wireNames = new String[components.length];
        accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            wireNames[i] = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true); // records declared in non-public scopes (tests, op packages)
        }
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
                provider.defaultSerializeValue(values[i], gen);
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
