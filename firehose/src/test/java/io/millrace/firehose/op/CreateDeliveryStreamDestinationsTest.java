package io.millrace.firehose.op;

import io.millrace.firehose.FirehoseHarness;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateDeliveryStream with destinations other than S3: the built ones are checked, the others refused by name. */
class CreateDeliveryStreamDestinationsTest {
    static final String S3 = "\"S3Configuration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
            + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}";
    static final String S3_GZIP = "\"S3Configuration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
            + "\"BucketARN\":\"arn:aws:s3:::my-bucket\",\"CompressionFormat\":\"GZIP\"}";
    static final String JDBC = "jdbc:redshift://cluster.abc123.us-east-1.redshift.amazonaws.com:5439/dev";

    @TempDir
    Path dir;
    private FirehoseHarness firehose;

    @BeforeEach
    void open() {
        firehose = new FirehoseHarness(dir);
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AmazonopensearchserviceDestinationConfiguration|\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                + "\"IndexName\":\"i\"",
        "ElasticsearchDestinationConfiguration|\"RoleARN\":\"arn:aws:iam::123456789012:role/r\",\"IndexName\":\"i\"",
        "AmazonOpenSearchServerlessDestinationConfiguration|\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                + "\"IndexName\":\"i\"",
        "SplunkDestinationConfiguration|\"HECEndpoint\":\"https://splunk.example.com\",\"HECEndpointType\":\"Raw\"",
        "SnowflakeDestinationConfiguration|\"AccountUrl\":\"https://a.snowflakecomputing.com\",\"Database\":\"d\","
                + "\"Schema\":\"s\",\"Table\":\"t\",\"RoleARN\":\"arn:aws:iam::123456789012:role/r\"",
        "IcebergDestinationConfiguration|\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                + "\"CatalogConfiguration\":{}"})
    void destinationsNotBuiltYetAreRefusedByName(String member, String fields) {
        assertFails("{\"DeliveryStreamName\":\"s\",\"" + member + "\":{" + fields + "," + S3 + "}}",
                member + " is not supported by this version of Millrace yet; supported destinations are "
                        + "ExtendedS3DestinationConfiguration, S3DestinationConfiguration, "
                        + "HttpEndpointDestinationConfiguration and RedshiftDestinationConfiguration.");
    }

    @Test
    void anHttpEndpointStreamIsDescribedWithoutItsAccessKey() {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"h\",\"HttpEndpointDestinationConfiguration\":{"
                + "\"EndpointConfiguration\":{\"Url\":\"https://example.com/in\",\"Name\":\"ex\","
                + "\"AccessKey\":\"secret-key\"},\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":60},"
                + "\"RequestConfiguration\":{\"ContentEncoding\":\"GZIP\",\"CommonAttributes\":"
                + "[{\"AttributeName\":\"env\",\"AttributeValue\":\"test\"}]},\"RetryOptions\":{\"DurationInSeconds\":30},"
                + "\"S3BackupMode\":\"AllData\"," + S3 + "}}");
        String described = FirehoseHarness.json(firehose.call("DescribeDeliveryStream",
                "{\"DeliveryStreamName\":\"h\"}"));
        assertThat(described)
                .contains("\"HttpEndpointDestinationDescription\":{\"EndpointConfiguration\":{\"Url\":"
                        + "\"https://example.com/in\",\"Name\":\"ex\"},\"BufferingHints\":{\"SizeInMBs\":1,"
                        + "\"IntervalInSeconds\":60}")
                .contains("\"RequestConfiguration\":{\"ContentEncoding\":\"GZIP\",\"CommonAttributes\":"
                        + "[{\"AttributeName\":\"env\",\"AttributeValue\":\"test\"}]}")
                .contains("\"RetryOptions\":{\"DurationInSeconds\":30},\"S3BackupMode\":\"AllData\"")
                .contains("\"S3DestinationDescription\":{\"RoleARN\"")
                .doesNotContain("secret-key")
                .doesNotContain("ExtendedS3DestinationDescription");
    }

    @Test
    void aRedshiftStreamIsDescribedWithoutItsPassword() {
        firehose.call("CreateDeliveryStream", redshift("\"CopyOptions\":\"JSON 'auto'\"", S3));
        String described = FirehoseHarness.json(firehose.call("DescribeDeliveryStream",
                "{\"DeliveryStreamName\":\"r\"}"));
        assertThat(described)
                .contains("\"RedshiftDestinationDescription\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                        + "\"ClusterJDBCURL\":\"" + JDBC + "\",\"CopyCommand\":{\"DataTableName\":\"events\","
                        + "\"CopyOptions\":\"JSON 'auto'\"},\"Username\":\"firehose\",\"RetryOptions\":"
                        + "{\"DurationInSeconds\":3600}")
                .doesNotContain("hunter2");
    }

    @Test
    void copyOptionsWithoutAPostgresMeaningAreRefused() {
        assertFails(redshift("\"CopyOptions\":\"JSON 'auto' TIMEFORMAT 'auto'\"", S3),
                "CopyOptions TIMEFORMAT has no PostgreSQL equivalent and is not supported by Millrace, which loads "
                        + "Redshift destinations into PostgreSQL. Supported: JSON 'auto', CSV, DELIMITER, NULL AS, GZIP.");
        assertFails(redshift("\"CopyOptions\":\"JSON 's3://bucket/jsonpaths.json'\"", S3),
                "CopyOptions JSON 's3://bucket/jsonpaths.json' is not supported: Millrace loads JSON with 'auto' or "
                        + "'auto ignorecase' only (no JSONPaths files).");
    }

    @Test
    void gzipInCopyOptionsGoesWithGzipStaging() {
        assertFails(redshift("\"CopyOptions\":\"CSV GZIP\"", S3), "CopyOptions GZIP and S3Configuration "
                + "CompressionFormat GZIP go together: give both or neither.");
        firehose.call("CreateDeliveryStream", redshift("\"CopyOptions\":\"CSV GZIP\"", S3_GZIP));
    }

    @Test
    void tableNamesAreIdentifiersOnly() {
        assertFails(redshift("\"DataTableColumns\":\"a; drop table x\"", S3),
                "DataTableColumns a; drop table x must be a comma-separated list of column names.");
    }

    static String redshift(String copyMembers, String s3) {
        return "{\"DeliveryStreamName\":\"r\",\"RedshiftDestinationConfiguration\":{"
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/r\",\"ClusterJDBCURL\":\"" + JDBC + "\","
                + "\"CopyCommand\":{\"DataTableName\":\"events\"," + copyMembers + "},"
                + "\"Username\":\"firehose\",\"Password\":\"hunter2\"," + s3 + "}}";
    }

    private void assertFails(String json, String message) {
        assertThatThrownBy(() -> firehose.call("CreateDeliveryStream", json))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(FirehoseError.INVALID_ARGUMENT);
                    assertThat(e.wireMessage()).isEqualTo(message);
                });
    }
}
