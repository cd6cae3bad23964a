package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.Instant;

/**
 * Binds the epoch-millis numbers of a type-checked request tree to {@link Instant}. Only trees from
 * {@link KinesisProtocol#decode} reach it, so anything else is a programming error. Thread-safe.
 */
final class InstantMillisDeserializer extends StdScalarDeserializer<Instant> {
    InstantMillisDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
        return Instant.ofEpochMilli(p.getLongValue());
    }
}
