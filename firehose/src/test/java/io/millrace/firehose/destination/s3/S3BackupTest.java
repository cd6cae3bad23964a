package io.millrace.firehose.destination.s3;

import io.millrace.log.object.LocalObjectStore;
import io.millrace.firehose.FirehoseHarness;
import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.protocol.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3BackupTest {
    private static final String BACKUP = "\"S3BackupMode\":\"Enabled\",\"S3BackupConfiguration\":{"
            + "\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\",\"BucketARN\":\"arn:aws:s3:::backup-bucket\","
            + "\"Prefix\":\"raw/\"}";
    private static final String DELIMITER = "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":["
            + "{\"Type\":\"AppendDelimiterToRecord\"}]}";

    @TempDir
    Path dir;

    @Test
    void enabledBackupWritesTheSourceRecordsAsReceivedBesideTheProcessedObject() throws IOException {
        try (FirehoseHarness firehose = new FirehoseHarness(dir)) {
            firehose.create("clicks", BACKUP + "," + DELIMITER);
            firehose.put("clicks", "a");
            firehose.put("clicks", "b");
            firehose.engine.flushAll();

            assertThat(firehose.objects()).singleElement()
                    .satisfies(object -> assertThat(firehose.content(object)).isEqualTo("a\nb\n"));
            Path bucket = dir.resolve("s3/backup-bucket");
            List<Path> backups = files(bucket);
            assertThat(backups).singleElement().satisfies(object -> {
                assertThat(bucket.relativize(object).toString().replace('\\', '/'))
                        .matches("raw/2026/03/04/05/clicks-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}");
                assertThat(Files.readString(object)).isEqualTo("ab");
            });
            assertThat(FirehoseHarness.json(firehose.call("DescribeDeliveryStream",
                    "{\"DeliveryStreamName\":\"clicks\"}"))).contains("\"S3BackupMode\":\"Enabled\"")
                    .contains("\"S3BackupDescription\":{").contains("\"BucketARN\":\"arn:aws:s3:::backup-bucket\"");
        }
    }

    @Test
    void anEnabledBackupCannotBeDisabled() {
        try (FirehoseHarness firehose = new FirehoseHarness(dir)) {
            firehose.create("clicks", BACKUP);

            assertThatThrownBy(() -> firehose.call("UpdateDestination", "{\"DeliveryStreamName\":\"clicks\","
                    + "\"CurrentDeliveryStreamVersionId\":\"1\",\"DestinationId\":\"destinationId-000000000001\","
                    + "\"ExtendedS3DestinationUpdate\":{\"S3BackupMode\":\"Disabled\"}}"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.wireMessage())
                            .isEqualTo("S3BackupMode cannot be changed from Enabled to Disabled."));
        }
    }

    @Test
    void enabledWithoutABackupConfigurationIsRefused() {
        try (FirehoseHarness firehose = new FirehoseHarness(dir)) {
            assertThatThrownBy(() -> firehose.create("clicks", "\"S3BackupMode\":\"Enabled\""))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.wireMessage())
                            .isEqualTo("S3BackupConfiguration is required when S3BackupMode is Enabled."));
        }
    }

    @Test
    void failedRecordsGoUnderTheErrorTypeFolderOfTheBackupPrefixByDefault() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir);
        S3Backup backup = new S3Backup(store, new S3BackupSettings("role", "arn:aws:s3:::b", "logs/", null, 5, 300,
                "UNCOMPRESSED"), ZoneOffset.UTC);
        long arrival = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
        DeliveryBatch batch = new DeliveryBatch("web", 2, List.of(new BufferedRecord(arrival, new byte[] {1})),
                arrival, "arn:aws:firehose:us-east-1:123456789012:deliverystream/web");

        String key = backup.writeFailed(batch, "http-endpoint-failed",
                List.of("{\"errorCode\":\"x\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(key).startsWith("logs/http-endpoint-failed/2026/01/02/03/web-2-2026-01-02-03-04-05-");
        assertThat(Files.readString(store.pathOf("b", key))).isEqualTo("{\"errorCode\":\"x\"}\n");
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
