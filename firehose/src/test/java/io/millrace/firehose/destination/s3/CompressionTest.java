package io.millrace.firehose.destination.s3;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.xerial.snappy.SnappyFramedInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionTest {

    @Property(tries = 50)
    void gzipZipAndSnappyObjectsDecompressToTheInput(@ForAll @Size(max = 70_000) byte[] raw) throws IOException {
        assertThat(Compression.UNCOMPRESSED.encode(raw, "e")).isEqualTo(raw);
        assertThat(read(new GZIPInputStream(in(Compression.GZIP.encode(raw, "e"))))).isEqualTo(raw);
        assertThat(read(new SnappyFramedInputStream(in(Compression.SNAPPY.encode(raw, "e"))))).isEqualTo(raw);
        try (ZipInputStream zip = new ZipInputStream(in(Compression.ZIP.encode(raw, "entry")))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("entry");
            assertThat(zip.readAllBytes()).isEqualTo(raw);
        }
    }

    @Property(tries = 20)
    void hadoopSnappyStartsWithTheUncompressedBlockLength(@ForAll @Size(min = 1, max = 20_000) byte[] raw) {
        byte[] encoded = Compression.HADOOP_SNAPPY.encode(raw, "e");
        int blockLength = (encoded[0] & 0xFF) << 24 | (encoded[1] & 0xFF) << 16 | (encoded[2] & 0xFF) << 8
                | encoded[3] & 0xFF;
        assertThat(blockLength).isEqualTo(raw.length);
    }

    @Property(tries = 1)
    void wireNamesAndExtensions() {
        assertThat(Compression.fromWire("Snappy")).isEqualTo(Compression.SNAPPY);
        assertThat(Compression.fromWire("SNAPPY")).isNull();
        assertThat(Compression.fromWire(null)).isEqualTo(Compression.UNCOMPRESSED);
        assertThat(Compression.ZIP.defaultExtension()).isEqualTo(".zip");
    }

    private static InputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
