package io.millrace.firehose.destination.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code CompressionFormat}s the embedded S3 destination writes, each with the file extension Firehose gives
 * objects by default (FIREHOSE-REFERENCE §4.1; {@code .gz} for GZIP is [UNVERIFIED] but universal). ZIP, Snappy and
 * HADOOP_SNAPPY are not supported yet and are refused when a delivery stream is configured.
 */
public enum Compression {
    UNCOMPRESSED(""),
    GZIP(".gz");

    private final String defaultExtension;

    Compression(String defaultExtension) {
        this.defaultExtension = defaultExtension;
    }

    public String defaultExtension() {
        return defaultExtension;
    }

    /** The compression named on the wire, or {@code null} when Millrace does not support it. */
    public static Compression fromWire(String format) {
        if (format == null) {
            return UNCOMPRESSED;
        }
        for (Compression compression : values()) {
            if (compression.name().equals(format)) {
                return compression;
            }
        }
        return null;
    }

    /** The object content for {@code raw} bytes. */
    public byte[] encode(byte[] raw) {
        if (this == UNCOMPRESSED) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
