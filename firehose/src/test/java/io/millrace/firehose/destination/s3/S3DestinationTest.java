package io.millrace.firehose.destination.s3;

import io.millrace.log.object.LocalObjectStore;
import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.model.ProcessingConfiguration;
import io.millrace.firehose.model.Processor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class S3DestinationTest {
    private static final long ARRIVAL_MS = Instant.parse("2018-08-27T10:30:12Z").toEpochMilli();
    private static final long DELIVERED_MS = Instant.parse("2018-08-27T11:02:03Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void objectNameHasStreamVersionDeliveryTimeAndUuid() {
        assertThat(ObjectKeys.objectName("mystream", 1, Instant.ofEpochMilli(DELIVERED_MS), ZoneOffset.UTC,
                "a9fa96af-e4e4-409f-bac3-1f804714faaa", ".gz"))
                .isEqualTo("mystream-1-2018-08-27-11-02-03-a9fa96af-e4e4-409f-bac3-1f804714faaa.gz");
    }

    @Test
    void uncompressedObjectIsTheRecordsConcatenatedUnderTheDefaultPrefix() throws IOException {
        S3Destination destination = new S3Destination(new LocalObjectStore(dir), settings(null, "UNCOMPRESSED",
                null, null));
        destination.deliver(batch("a", "bc", ""));
        Path object = onlyObject();
        assertThat(dir.relativize(object).toString().replace('\\', '/')).matches(
                "my-bucket/2018/08/27/10/mystream-3-2018-08-27-11-02-03-[0-9a-f-]{36}");
        assertThat(Files.readString(object)).isEqualTo("abc");
    }

    @Test
    void gzipObjectsEndInGzAndDecompressToTheRecords() throws IOException {
        S3Destination destination = new S3Destination(new LocalObjectStore(dir), settings("logs/", "GZIP",
                null, null));
        destination.deliver(batch("{\"a\":1}", "{\"b\":2}"));
        Path object = onlyObject();
        assertThat(object.getFileName().toString()).endsWith(".gz");
        assertThat(dir.relativize(object).toString().replace('\\', '/')).startsWith("my-bucket/logs/2018/08/27/10/");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}{\"b\":2}");
        }
    }

    @Test
    void fileExtensionOverridesTheCompressionDefault() throws IOException {
        new S3Destination(new LocalObjectStore(dir), settings(null, "GZIP", ".json.gz", null))
                .deliver(batch("x"));
        assertThat(onlyObject().getFileName().toString()).endsWith(".json.gz");
    }

    @Test
    void appendDelimiterProcessorEndsEveryRecordWithANewline() throws IOException {
        ProcessingConfiguration delimiter = new ProcessingConfiguration(true,
                List.of(new Processor("AppendDelimiterToRecord", null)));
        new S3Destination(new LocalObjectStore(dir), settings(null, "UNCOMPRESSED", null, delimiter))
                .deliver(batch("a", "b"));
        assertThat(Files.readString(onlyObject())).isEqualTo("a\nb\n");
    }

    private static DeliveryBatch batch(String... records) {
        return new DeliveryBatch("mystream", 3, Stream.of(records)
                .map(r -> new BufferedRecord(ARRIVAL_MS, r.getBytes(StandardCharsets.UTF_8))).toList(), DELIVERED_MS,
                "arn:aws:firehose:us-east-1:123456789012:deliverystream/mystream");
    }

    private static S3Settings settings(String prefix, String compression, String extension,
                                       ProcessingConfiguration processing) {
        return new S3Settings(true, "arn:aws:iam::1:role/r", "arn:aws:s3:::my-bucket", prefix, null, 5, 300,
                compression, extension, null, processing, null, null, null);
    }

    private Path onlyObject() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> objects = files.filter(Files::isRegularFile).toList();
            assertThat(objects).hasSize(1);
            return objects.get(0);
        }
    }
}
