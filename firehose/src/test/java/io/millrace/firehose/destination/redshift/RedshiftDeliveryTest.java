package io.millrace.firehose.destination.redshift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.firehose.DestinationOptions;
import io.millrace.firehose.FirehoseHarness;
import io.millrace.firehose.retry.Backoff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redshift destinations delivered into a real PostgreSQL server started by the test: the Redshift JDBC URL is mapped
 * to the local server, and each COPY variant lands the buffered records in the table.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedshiftDeliveryTest {
    private static final String JDBC = "jdbc:redshift://cluster.abc123.us-east-1.redshift.amazonaws.com:5439/"
            + LocalPostgres.DATABASE;
    private static final String S3 = "\"S3Configuration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
            + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}";
    private static LocalPostgres postgres;

    @TempDir
    Path dir;
    private FirehoseHarness firehose;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void open() throws SQLException {
        firehose = new FirehoseHarness(dir, new DestinationOptions(false, Duration.ofSeconds(5),
                "127.0.0.1:" + postgres.port(), Backoff.reference(() -> 0.5)));
        sql("DROP TABLE IF EXISTS events; CREATE TABLE events (id int, name text, payload text)");
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    @Test
    void jsonAutoMapsObjectKeysToColumns() throws SQLException {
        create("\"CopyOptions\":\"JSON 'auto'\"", 60);
        firehose.put("r", "{\"id\":1,\"name\":\"one\",\"payload\":{\"x\":[1,2]}}\n");
        firehose.put("r", "{\"name\":\"two, \\\"quoted\\\"\",\"id\":2}{\"id\":3,\"unknown\":true}");

        assertThat(firehose.engine.flushAll()).isEqualTo(1);

        assertThat(rows("SELECT id, name, payload FROM events ORDER BY id")).containsExactly(
                "1|one|{\"x\":[1,2]}", "2|two, \"quoted\"|null", "3|null|null");
    }

    @Test
    void pipeDelimitedTextIsRedshiftsDefault() throws SQLException {
        create("\"DataTableColumns\":\"name,id\"", 60);
        firehose.put("r", "alpha|1\n");
        firehose.put("r", "beta|2");

        assertThat(firehose.engine.flushAll()).isEqualTo(1);

        assertThat(rows("SELECT id, name FROM events ORDER BY id")).containsExactly("1|alpha", "2|beta");
    }

    @Test
    void csvWithADelimiterLoadsQuotedFields() throws SQLException {
        create("\"DataTableColumns\":\"id,name\",\"CopyOptions\":\"CSV DELIMITER ';'\"", 60);
        firehose.put("r", "1;\"semi;colon\"\n2;plain\n");

        assertThat(firehose.engine.flushAll()).isEqualTo(1);

        assertThat(rows("SELECT id, name FROM events ORDER BY id")).containsExactly("1|semi;colon", "2|plain");
    }

    @Test
    void aFailingCopyIsRetriedThenItsRecordsGoToTheErrorsFolder() throws Exception {
        create("\"CopyOptions\":\"CSV\"", 2);
        firehose.put("r", "not-a-number,x\n");

        assertThat(firehose.engine.flushAll()).isZero();
        assertThat(describe()).contains("\"FailureDescription\":{\"Type\":\"UNKNOWN_ERROR\",\"Details\":"
                + "\"COPY into events failed: ");
        firehose.clock.advanceMs(1_000);
        assertThat(firehose.engine.flushAll()).isZero();
        firehose.clock.advanceMs(1_000);
        assertThat(firehose.engine.flushAll()).isEqualTo(1);

        assertThat(rows("SELECT count(*) FROM events")).containsExactly("0");
        assertThat(firehose.objects()).singleElement().satisfies(object ->
                assertThat(object.toString()).startsWith("errors/2026/03/04/05/r-1-"));
        JsonNode error = new ObjectMapper().readTree(firehose.content(firehose.objects().get(0)).split("\n")[0]);
        assertThat(error.path("attemptsMade").asInt()).isEqualTo(3);
        assertThat(error.path("errorCode").asText()).isEqualTo("Redshift.CopyFailed");
        assertThat(error.path("errorMessage").asText()).startsWith("COPY into events failed: ERROR: invalid input "
                + "syntax for type integer: \"not-a-number\"");
    }

    @Test
    void anUpdatedTableAndColumnsTakeTheNextBatchAndTheRestOfTheCopyCommandStays() throws SQLException {
        sql("DROP TABLE IF EXISTS events2; CREATE TABLE events2 (label text, n int)");
        create("\"DataTableColumns\":\"name,id\",\"CopyOptions\":\"CSV\"", 60);
        firehose.put("r", "before,1\n");
        assertThat(firehose.engine.flushAll()).isEqualTo(1);

        firehose.call("UpdateDestination", "{\"DeliveryStreamName\":\"r\",\"CurrentDeliveryStreamVersionId\":\"1\","
                + "\"DestinationId\":\"destinationId-000000000001\",\"RedshiftDestinationUpdate\":{"
                + "\"CopyCommand\":{\"DataTableName\":\"events2\",\"DataTableColumns\":\"label,n\"}}}");
        firehose.put("r", "after,2\n");
        assertThat(firehose.engine.flushAll()).isEqualTo(1);

        assertThat(rows("SELECT id, name FROM events")).containsExactly("1|before");
        assertThat(rows("SELECT n, label FROM events2")).containsExactly("2|after");
        assertThat(describe()).contains("\"VersionId\":\"2\"").contains("\"CopyCommand\":{\"DataTableName\":"
                + "\"events2\",\"DataTableColumns\":\"label,n\",\"CopyOptions\":\"CSV\"}");
    }

    @Test
    void backupEnabledWritesEveryLoadedBatchsSourceRecordsToTheBackupBucket() throws Exception {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"r\",\"RedshiftDestinationConfiguration\":{"
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/r\",\"ClusterJDBCURL\":\"" + JDBC + "\","
                + "\"CopyCommand\":{\"DataTableName\":\"events\",\"DataTableColumns\":\"name,id\"},"
                + "\"Username\":\"" + LocalPostgres.USER + "\"," + S3 + ",\"S3BackupMode\":\"Enabled\","
                + "\"S3BackupConfiguration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\",\"Prefix\":\"source/\"},"
                + "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[{\"Type\":"
                + "\"AppendDelimiterToRecord\"}]}}}");
        firehose.put("r", "alpha|1");
        firehose.put("r", "beta|2");

        assertThat(firehose.engine.flushAll()).isEqualTo(1);

        assertThat(rows("SELECT id, name FROM events ORDER BY id")).containsExactly("1|alpha", "2|beta");
        assertThat(firehose.objects()).singleElement().satisfies(object -> {
            assertThat(object.toString().replace('\\', '/'))
                    .matches("source/2026/03/04/05/r-1-2026-03-04-05-06-07-[0-9a-f-]{36}");
            assertThat(firehose.content(object)).as("the source records, before processing").isEqualTo(
                    "alpha|1beta|2");
        });
        assertThat(describe()).contains("\"S3BackupMode\":\"Enabled\",\"S3BackupDescription\":{\"RoleARN\":"
                + "\"arn:aws:iam::123456789012:role/r\",\"BucketARN\":\"arn:aws:s3:::my-bucket\","
                + "\"Prefix\":\"source/\"");
    }

    @Test
    void aBatchWaitingForItsNextCopyIsNotBackedUpUntilItIsLoaded() throws Exception {
        create("\"DataTableColumns\":\"id,name\",\"CopyOptions\":\"CSV\"", 60);
        firehose.call("UpdateDestination", "{\"DeliveryStreamName\":\"r\",\"CurrentDeliveryStreamVersionId\":\"1\","
                + "\"DestinationId\":\"destinationId-000000000001\",\"RedshiftDestinationUpdate\":{"
                + "\"S3BackupMode\":\"Enabled\",\"S3BackupUpdate\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}}}");
        sql("DROP TABLE events");
        firehose.put("r", "1,one\n");

        assertThat(firehose.engine.flushAll()).isZero();
        assertThat(firehose.objects()).isEmpty();
        sql("CREATE TABLE events (id int, name text, payload text)");
        firehose.clock.advanceMs(1_000);
        assertThat(firehose.engine.flushAll()).isEqualTo(1);

        assertThat(rows("SELECT id, name FROM events")).containsExactly("1|one");
        assertThat(firehose.objects()).singleElement().satisfies(object -> {
            assertThat(object.toString()).startsWith("2026/03/04/05/r-2-");
            assertThat(firehose.content(object)).isEqualTo("1,one\n");
        });
    }

    private void create(String copyMembers, int retrySeconds) {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"r\",\"RedshiftDestinationConfiguration\":{"
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/r\",\"ClusterJDBCURL\":\"" + JDBC + "\","
                + "\"CopyCommand\":{\"DataTableName\":\"events\"" + (copyMembers.isEmpty() ? "" : "," + copyMembers)
                + "},\"Username\":\"" + LocalPostgres.USER + "\",\"Password\":\"unused\","
                + "\"RetryOptions\":{\"DurationInSeconds\":" + retrySeconds + "}," + S3 + "}}");
    }

    private String describe() {
        return FirehoseHarness.json(firehose.call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"r\"}"));
    }

    private static void sql(String statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    private static List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
