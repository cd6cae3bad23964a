package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

import java.io.IOException;
import java.time.Instant;

/**
 * Writes an {@link Instant} as the Java SDK v2 expects in CBOR: tag 1 followed by an <em>integer of epoch
 * millis</em>. The SDK parses the number with {@code Long.parseLong}, so seconds or floats would break it
 * (REFERENCE §1.3). Thread-safe.
 */
final class InstantCborSerializer extends StdSerializer<Instant> {
    private static final int EPOCH_TAG = 1;

    InstantCborSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (gen instanceof CBORGenerator cbor) {
            cbor.writeTag(EPOCH_TAG);
        }
        gen.writeNumber(value.toEpochMilli());
    }
}
