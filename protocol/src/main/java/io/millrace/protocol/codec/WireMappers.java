package io.millrace.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import java.time.Instant;

/**
 * The Jackson objects for both wire formats, built once: tree readers for requests, writers for responses,
 * the raw factories for error bodies and the mapper that binds checked trees to request records.
 * Immutable and thread-safe (Jackson readers, writers and configured mappers are).
 */
final class WireMappers {
    /** Room for a 10 MiB blob in base64 (about 14 MiB of text) plus the rest of a request. */
    private static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

    final JsonFactory jsonFactory;
    final CBORFactory cborFactory;
    final ObjectReader jsonTreeReader;
    final ObjectReader cborTreeReader;
    final ObjectWriter jsonWriter;
    final ObjectWriter cborWriter;
    final ObjectMapper binder;

    WireMappers() {
        StreamReadConstraints constraints = StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build();
        jsonFactory = JsonFactory.builder().streamReadConstraints(constraints).build();
        cborFactory = CBORFactory.builder().streamReadConstraints(constraints).build();
        jsonTreeReader = treeReader(new ObjectMapper(jsonFactory));
        cborTreeReader = treeReader(new ObjectMapper(cborFactory));
        jsonWriter = responseWriter(new ObjectMapper(jsonFactory), new InstantJsonSerializer());
        cborWriter = responseWriter(new ObjectMapper(cborFactory), new InstantCborSerializer());
        binder = requestBinder();
    }

    ObjectReader treeReader(WireFormat format) {
        return format == WireFormat.CBOR ? cborTreeReader : jsonTreeReader;
    }

    ObjectWriter writer(WireFormat format) {
        return format == WireFormat.CBOR ? cborWriter : jsonWriter;
    }

    JsonFactory factory(WireFormat format) {
        return format == WireFormat.CBOR ? cborFactory : jsonFactory;
    }

    /** Exact decimals so fractional epoch seconds convert to millis without binary rounding. */
    private static ObjectReader treeReader(ObjectMapper mapper) {
        return mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static ObjectWriter responseWriter(ObjectMapper mapper, JsonSerializer<Instant> instants) {
        SimpleModule module = new SimpleModule("millrace-response");
        module.setSerializers(new RecordSerializers());
        module.addSerializer(Instant.class, instants);
        return mapper.registerModule(module)
                .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .writer();
    }

    private static ObjectMapper requestBinder() {
        SimpleModule module = new SimpleModule("millrace-request");
        module.addDeserializer(Instant.class, new InstantMillisDeserializer());
        return new ObjectMapper()
                .registerModule(module)
                .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
