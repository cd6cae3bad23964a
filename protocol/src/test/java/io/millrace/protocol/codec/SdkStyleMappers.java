package io.millrace.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Plain Jackson mappers that write and read bodies the way the AWS SDKs do, independent of the code under
 * test: JSON timestamps as decimal epoch seconds, CBOR timestamps as tag 1 + integer epoch millis.
 */
final class SdkStyleMappers {
    private SdkStyleMappers() {
    }

    static ObjectMapper forFormat(WireFormat format) {
        boolean cbor = format == WireFormat.CBOR;
        SimpleModule module = new SimpleModule();
        module.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (gen instanceof CBORGenerator cborGen) {
                    cborGen.writeTag(1);
                    gen.writeNumber(value.toEpochMilli());
                } else {
                    gen.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
                }
            }
        });
        module.addDeserializer(Instant.class, new StdScalarDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return cbor ? Instant.ofEpochMilli(Long.parseLong(p.getText()))
                        : Instant.ofEpochMilli(p.getDecimalValue().movePointRight(3).longValueExact());
            }
        });
        ObjectMapper mapper = cbor ? new ObjectMapper(new CBORFactory()) : new ObjectMapper();
        return mapper.registerModule(module)
                .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
