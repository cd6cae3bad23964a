package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Hand-built CBOR request bodies, written the way the Java SDK v2 writes them. */
final class CborBodies {
    private static final CBORFactory CBOR = new CBORFactory();

    private CborBodies() {
    }

    static byte[] putRecord(String streamName, byte[] data, String partitionKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        try (JsonGenerator gen = CBOR.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("StreamName", streamName);
            gen.writeFieldName("Data");
            gen.writeBinary(data);
            gen.writeStringField("PartitionKey", partitionKey);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
