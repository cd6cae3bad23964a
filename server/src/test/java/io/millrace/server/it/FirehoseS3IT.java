package io.millrace.server.it;

import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real AWS SDK Firehose client puts records through Millrace, which delivers them to a real S3-compatible server
 * (s3proxy over a filesystem store, in-process on 127.0.0.1) through {@code --s3-endpoint}, and to the embedded
 * directory store without it. Closing Millrace delivers whatever is buffered, so no test waits on a timer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirehoseS3IT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/firehose";
    /** {@code <prefix>yyyy/MM/dd/HH/<stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid><extension>}, FIREHOSE-REFERENCE §4.2. */
    private static final String KEY_SHAPE = "\\d{4}/\\d{2}/\\d{2}/\\d{2}/%s-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-"
            + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}%s";

    private Path work;
    private S3ProxyServer s3proxy;
    private S3Client s3;

    @BeforeEach
    void startS3() throws Exception {
        work = Files.createTempDirectory("millrace-s3-it");
        s3proxy = S3ProxyServer.start(work.resolve("s3proxy"));
        s3 = s3proxy.client();
    }

    @AfterEach
    void stopS3() throws Exception {
        s3proxy.close();
        TestServer.deleteRecursively(work);
    }

    @Test
    void recordsPutWithTheSdkArriveInAnS3CompatibleServerGzippedUnderFirehoseKeys() throws Exception {
        s3.createBucket(b -> b.bucket("clicks-bucket"));
        Path dataDir = Files.createDirectories(work.resolve("data"));
        List<String> flags = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir",
                dataDir.toString(), "--in-memory"));
        flags.addAll(s3proxy.millraceFlags());
        Millrace server = Millrace.start(MillraceCommand.parse(flags.toArray(String[]::new)));
        try (server; FirehoseClient firehose = firehose(server)) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("clicks")
                    .extendedS3DestinationConfiguration(s3Config("clicks-bucket", "events/", CompressionFormat.GZIP, 900)));
            putAll(firehose, "clicks", "{\"n\":1}\n", "{\"n\":2}\n", "{\"n\":3}\n");
        }

        List<S3Object> objects = s3.listObjectsV2(b -> b.bucket("clicks-bucket")).contents();
        assertThat(objects).singleElement().satisfies(object ->
                assertThat(object.key()).matches("events/" + KEY_SHAPE.formatted("clicks", "\\.gz")));
        byte[] stored = s3.getObjectAsBytes(b -> b.bucket("clicks-bucket").key(objects.get(0).key())).asByteArray();
        assertThat(gunzip(stored)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        assertThat(dataDir).isEmptyDirectory(); // in-memory with an endpoint: nothing on the local disk
    }

    @Test
    void withoutAnEndpointTheSameRecordsArriveInTheLocalDirectoryOfTheBucket() throws Exception {
        Path dataDir = work.resolve("data");
        Millrace server = Millrace.start(MillraceCommand.parse(new String[] {"--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString()}));
        try (server; FirehoseClient firehose = firehose(server)) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("clicks")
                    .extendedS3DestinationConfiguration(s3Config("clicks-bucket", null, CompressionFormat.GZIP, 900)));
            putAll(firehose, "clicks", "a", "b", "c");
        }

        Path bucket = dataDir.resolve("s3/clicks-bucket");
        List<Path> objects = BucketObjects.list(bucket);
        assertThat(objects).singleElement().satisfies(object -> assertThat(
                bucket.relativize(object).toString().replace('\\', '/')).matches(KEY_SHAPE.formatted("clicks",
                "\\.gz")));
        assertThat(gunzip(Files.readAllBytes(objects.get(0)))).isEqualTo("abc");
    }

    @Test
    void inMemoryWithoutAnEndpointDeliversToATemporaryDirectoryAndLeavesTheDataDirectoryAlone() throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("data"));
        Millrace server = Millrace.start(MillraceCommand.parse(new String[] {"--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(), "--in-memory"}));
        Path root = server.objectStoreRoot();
        try (server; FirehoseClient firehose = firehose(server)) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("logs")
                    .extendedS3DestinationConfiguration(s3Config("logs-bucket", "raw/", null, 0)));
            putAll(firehose, "logs", "x", "y");
            // Zero buffering: the next delivery pass (every 200 ms) writes the object.
            List<Path> objects = BucketObjects.await(root.resolve("logs-bucket"), Duration.ofSeconds(20));
            assertThat(objects).singleElement().satisfies(o -> assertThat(Files.readString(o)).isEqualTo("xy"));
        }
        assertThat(root).doesNotExist();
        assertThat(root.startsWith(dataDir)).isFalse();
        assertThat(dataDir).isEmptyDirectory();
    }

    private static FirehoseClient firehose(Millrace server) {
        return Clients.firehose(server.port());
    }

    private static void putAll(FirehoseClient firehose, String stream, String... texts) {
        List<Record> records = new ArrayList<>();
        for (String text : texts) {
            records.add(Record.builder().data(SdkBytes.fromUtf8String(text)).build());
        }
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(records)).failedPutCount())
                .isZero();
    }

    /** With 900 s and 128 MiB, only closing the server delivers, so each such test sees exactly one object. */
    private static ExtendedS3DestinationConfiguration s3Config(String bucket, String prefix,
                                                               CompressionFormat compression, int intervalSeconds) {
        return ExtendedS3DestinationConfiguration.builder()
                .roleARN(ROLE)
                .bucketARN("arn:aws:s3:::" + bucket)
                .prefix(prefix)
                .compressionFormat(compression)
                .bufferingHints(BufferingHints.builder().sizeInMBs(128).intervalInSeconds(intervalSeconds).build())
                .build();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
