package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.Instant;

/** Writes an {@link Instant} as AWS JSON 1.1 does: epoch seconds with fractional millis. Thread-safe. */
final class InstantJsonSerializer extends StdSerializer<Instant> {
    InstantJsonSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(EpochTime.secondsText(value.toEpochMilli()));
    }
}
