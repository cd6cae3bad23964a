package io.millrace.firehose.destination.s3;

import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code CompressionFormat}s the S3 destination writes (FIREHOSE-REFERENCE §4.1), each with its wire name and
 * the file extension objects get by default. {@code Snappy} is the framed Snappy format (the format of
 * {@code snappy -c}/python-snappy streams); {@code HADOOP_SNAPPY} is the block format Hadoop's {@code SnappyCodec}
 * reads (4-byte big-endian uncompressed length, then 4-byte length-prefixed Snappy chunks). ZIP objects are archives
 * holding one entry named like the object without its extension. The extensions other than {@code .gz} are
 * [UNVERIFIED] against AWS ({@code .hsnappy} in particular).
 *
 * <p>Immutable and thread-safe.
 */
public enum Compression {
    UNCOMPRESSED("UNCOMPRESSED", ""),
    GZIP("GZIP", ".gz"),
    ZIP("ZIP", ".zip"),
    SNAPPY("Snappy", ".snappy"),
    HADOOP_SNAPPY("HADOOP_SNAPPY", ".hsnappy");

    private final String wireName;
    private final String defaultExtension;

    Compression(String wireName, String defaultExtension) {
        this.wireName = wireName;
        this.defaultExtension = defaultExtension;
    }

    /** The {@code CompressionFormat} value on the wire. */
    public String wireName() {
        return wireName;
    }

    public String defaultExtension() {
        return defaultExtension;
    }

    /** The compression named on the wire ({@code null} is UNCOMPRESSED), or {@code null} when the name is unknown. */
    public static Compression fromWire(String format) {
        if (format == null) {
            return UNCOMPRESSED;
        }
        for (Compression compression : values()) {
            if (compression.wireName.equals(format)) {
                return compression;
            }
        }
        return null;
    }

    /** The object content for {@code raw} bytes; {@code entryName} names the single entry of a ZIP archive. */
    public byte[] encode(byte[] raw, String entryName) {
        if (this == UNCOMPRESSED) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
        try (OutputStream compressed = open(out, entryName)) {
            compressed.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private OutputStream open(ByteArrayOutputStream out, String entryName) throws IOException {
        switch (this) {
            case GZIP:
                return new GZIPOutputStream(out, 8192);
            case ZIP:
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.putNextEntry(new ZipEntry(entryName));
                return zip;
            case SNAPPY:
                return new SnappyFramedOutputStream(out);
            case HADOOP_SNAPPY:
                return new SnappyHadoopCompatibleOutputStream(out);
            default:
                throw new IllegalStateException("no stream for " + this);
        }
    }
}
