package io.millrace.streams.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON form of {@link StreamMetadata} in the metadata store. Unknown properties are ignored so that metadata written
 * by a newer version (more fields) still loads. Thread-safe.
 */
final class StreamMetadataCodec {
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    byte[] encode(StreamMetadata metadata) {
        try {
            return mapper.writeValueAsBytes(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StreamMetadata decode(byte[] json) {
        try {
            return mapper.readValue(json, StreamMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
