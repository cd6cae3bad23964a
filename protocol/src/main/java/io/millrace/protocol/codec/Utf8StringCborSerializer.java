package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes string values of CBOR responses as a text string from their UTF-8 bytes. The CBOR generator's own
 * {@code writeString} encodes character by character; {@link String#getBytes} of a Latin-1-coded string (every
 * sequence number, shard id and most partition keys) is an intrinsic copy, and the generator then copies the bytes
 * as a block. GetRecords and PutRecords answers carry one or two such strings per record. Only for CBOR: a JSON
 * generator would have to escape the bytes. Thread-safe (stateless).
 */
final class Utf8StringCborSerializer extends StdSerializer<String> {
    Utf8StringCborSerializer() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        gen.writeUTF8String(utf8, 0, utf8.length);
    }
}
