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
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real AWS SDK for Java v2 Firehose client against an in-process Millrace, on the same port as Kinesis: delivery
 * streams are created, fed with PutRecord and PutRecordBatch, and their objects appear under
 * {@code <data-dir>/s3/<bucket>/} with Firehose's names and content.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirehoseIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/firehose";

    private Path dataDir;
    private Millrace server;
    private FirehoseClient firehose;

    @BeforeEach
    void start() throws IOException {
        dataDir = Files.createTempDirectory("millrace-firehose-it");
        server = Millrace.start(MillraceCommand.parse(new String[] {"--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString()}));
        firehose = Clients.firehose(server.port());
    }

    @AfterEach
    void stop() {
        firehose.close();
        server.close();
        TestServer.deleteRecursively(dataDir);
    }

    @Test
    void recordsPutThroughTheSdkAreDeliveredAsObjectsAfterTheBufferInterval() throws Exception {
        String arn = firehose.createDeliveryStream(b -> b.deliveryStreamName("clicks")
                .extendedS3DestinationConfiguration(s3("clicks-bucket", "events/", 1, CompressionFormat.UNCOMPRESSED)))
                .deliveryStreamARN();
        assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks");

        DeliveryStreamDescription description = firehose.describeDeliveryStream(b -> b.deliveryStreamName("clicks"))
                .deliveryStreamDescription();
        assertThat(description.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(description.versionId()).isEqualTo("1");
        assertThat(firehose.listDeliveryStreams(b -> { }).deliveryStreamNames()).containsExactly("clicks");

        String recordId = firehose.putRecord(b -> b.deliveryStreamName("clicks")
                .record(Record.builder().data(SdkBytes.fromUtf8String("{\"n\":1}\n")).build())).recordId();
        assertThat(recordId).isNotEmpty();
        PutRecordBatchResponse batch = firehose.putRecordBatch(b -> b.deliveryStreamName("clicks").records(
                record("{\"n\":2}\n"), record("{\"n\":3}\n")));
        assertThat(batch.failedPutCount()).isZero();
        assertThat(batch.requestResponses()).hasSize(2).allSatisfy(r -> assertThat(r.recordId()).isNotEmpty());

        // Delivery runs on the server's own clock; wait (bounded) for the object the 1 s interval produces.
        List<Path> objects = BucketObjects.await(dataDir.resolve("s3/clicks-bucket"), Duration.ofSeconds(20));
        assertThat(objects).singleElement().satisfies(object -> {
            assertThat(dataDir.resolve("s3/clicks-bucket").relativize(object).toString().replace('\\', '/'))
                    .matches("events/\\d{4}/\\d{2}/\\d{2}/\\d{2}/clicks-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-"
                            + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(Files.readString(object)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        });
    }

    @Test
    void shuttingDownDeliversWhatIsBufferedAsGzipObjects() throws Exception {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("logs")
                .extendedS3DestinationConfiguration(s3("logs-bucket", null, 900, CompressionFormat.GZIP)));
        firehose.putRecord(b -> b.deliveryStreamName("logs").record(record("line one\n")));
        firehose.putRecordBatch(b -> b.deliveryStreamName("logs").records(record("line two\n")));
        assertThat(Files.exists(dataDir.resolve("s3/logs-bucket"))).isFalse();

        server.close();

        List<Path> objects = BucketObjects.list(dataDir.resolve("s3/logs-bucket"));
        assertThat(objects).singleElement().satisfies(object -> {
            assertThat(object.getFileName().toString()).matches("logs-1-.*\\.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line one\nline two\n");
            }
        });
    }

    @Test
    void errorsArriveAsTheSdksModelledExceptions() {
        assertThatThrownBy(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("missing")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Firehose missing under account 000000000000 not found."));
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("k")
                .deliveryStreamType("KinesisStreamAsSource")
                .extendedS3DestinationConfiguration(s3("b", null, 60, CompressionFormat.UNCOMPRESSED))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(
                        "KinesisStreamSourceConfiguration is required for DeliveryStreamType KinesisStreamAsSource.");
    }

    private static ExtendedS3DestinationConfiguration s3(String bucket, String prefix, int intervalSeconds,
                                                         CompressionFormat compression) {
        return ExtendedS3DestinationConfiguration.builder()
                .roleARN(ROLE)
                .bucketARN("arn:aws:s3:::" + bucket)
                .prefix(prefix)
                .compressionFormat(compression)
                .bufferingHints(BufferingHints.builder().sizeInMBs(1).intervalInSeconds(intervalSeconds).build())
                .build();
    }

    private static Record record(String text) {
        return Record.builder().data(SdkBytes.fromUtf8String(text)).build();
    }
}
