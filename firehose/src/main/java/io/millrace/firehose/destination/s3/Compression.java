package io.millrace.firehose.destination.s3;

import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.Deflater;
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

    private static final int COMPRESSOR_INPUT_BYTES = 65536;

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
        return encode(List.of(raw), raw.length, entryName);
    }

    /**
     * The object content for {@code parts} concatenated ({@code totalBytes} in all). The parts go straight into the
     * compressor, so a compressed object never needs the uncompressed concatenation in memory as well.
     */
    public byte[] encode(List<byte[]> parts, long totalBytes, String entryName) {
        int expected = (int) Math.min(Integer.MAX_VALUE - 8, this == UNCOMPRESSED ? totalBytes : totalBytes / 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, expected));
        // Buffered in front of the compressor: records are small, and each write into a deflater is a native call.
        try (OutputStream compressed = this == UNCOMPRESSED ? out
                : new BufferedOutputStream(open(out, entryName), COMPRESSOR_INPUT_BYTES)) {
            for (byte[] part : parts) {
                compressed.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compressing into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * GZIP at {@link Deflater#BEST_SPEED}: AWS does not state its level, and at the default level (6) deflate was
     * most of the delivery thread's CPU (docs/benchmarks.md) for objects only modestly smaller.
     */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        private static final int BUFFER_BYTES = 65536;

        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private OutputStream open(ByteArrayOutputStream out, String entryName) throws IOException {
        switch (this) {
            case GZIP:
                return new FastGzipOutputStream(out);
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
