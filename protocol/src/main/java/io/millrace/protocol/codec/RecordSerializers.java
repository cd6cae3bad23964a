package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleSerializers;

/** Supplies a {@link RecordSerializer} for every record type; Jackson caches it per type. Thread-safe. */
final class RecordSerializers extends SimpleSerializers {
    @Override
    public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
        if (type.getRawClass().isRecord()) {
            return new RecordSerializer(type.getRawClass());
        }
        return super.findSerializer(config, type, beanDesc);
    }
}
