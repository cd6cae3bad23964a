package io.millrace.firehose.op;

import io.millrace.firehose.FirehoseHarness;
import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateDestinationTest extends OperationTestBase {

    @Test
    void mergesTheUpdateBumpsTheVersionAndNewObjectsCarryIt() {
        firehose.create("s", "\"Prefix\":\"old/\",\"CompressionFormat\":\"GZIP\"");
        EmptyResponse response = firehose.call("UpdateDestination", update("1", "destinationId-000000000001",
                "\"ExtendedS3DestinationUpdate\":{\"Prefix\":\"new/\"}"));
        assertThat(firehose.json(response)).isEqualTo("{}");
        DeliveryStreamDescription description = firehose.<DescribeDeliveryStreamResponse>call(
                "DescribeDeliveryStream", named("s")).deliveryStreamDescription();
        assertThat(description.versionId()).isEqualTo("2");
        ExtendedS3DestinationDescription s3 = description.destinations().get(0).extendedS3DestinationDescription();
        assertThat(s3.prefix()).isEqualTo("new/");
        assertThat(s3.compressionFormat()).isEqualTo("GZIP");
        firehose.put("s", "x");
        firehose.engine.flushAll();
        assertThat(firehose.objects()).singleElement().satisfies(object ->
                assertThat(object.toString().replace('\\', '/')).matches("new/2026/03/04/05/s-2-2026-03-04-05-06-07-"
                        + "[0-9a-f-]{36}\\.gz"));
    }

    @Test
    void aStaleVersionIsConcurrentModification() {
        firehose.create("s", "");
        firehose.call("UpdateDestination", update("1", "destinationId-000000000001",
                "\"S3DestinationUpdate\":{\"Prefix\":\"a/\"}"));
        // [UNVERIFIED] message wording.
        assertFails("UpdateDestination", update("1", "destinationId-000000000001",
                        "\"S3DestinationUpdate\":{\"Prefix\":\"b/\"}"), FirehoseError.CONCURRENT_MODIFICATION,
                "Cannot update firehose: s since the current version id: 2 and specified version id: 1 do not match");
    }

    @Test
    void anUnknownDestinationIdIsInvalidArgument() {
        firehose.create("s", "");
        assertFails("UpdateDestination", update("1", "destinationId-000000000002",
                        "\"S3DestinationUpdate\":{\"Prefix\":\"b/\"}"), FirehoseError.INVALID_ARGUMENT,
                "Destination Id destinationId-000000000002 not found");
    }

    @Test
    void theMergedConfigurationIsCheckedWhole() {
        firehose.create("s", "");
        assertFails("UpdateDestination", update("1", "destinationId-000000000001",
                        "\"ExtendedS3DestinationUpdate\":{\"Prefix\":\"!{timestamp:yyyy}/\"}"),
                FirehoseError.INVALID_ARGUMENT,
                "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        DescribeDeliveryStreamResponse unchanged = firehose.call("DescribeDeliveryStream", named("s"));
        assertThat(unchanged.deliveryStreamDescription().versionId()).isEqualTo("1");
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertFails("UpdateDestination", "{\"DeliveryStreamName\":\"nope\",\"CurrentDeliveryStreamVersionId\":\"1\","
                        + "\"DestinationId\":\"destinationId-000000000001\"}", FirehoseError.RESOURCE_NOT_FOUND,
                "Firehose nope under account 123456789012 not found.");
    }

    @Test
    void anHttpEndpointUpdateMergesMemberByMemberAndKeepsTheBackupBucket() {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"s\",\"HttpEndpointDestinationConfiguration\":{"
                + "\"EndpointConfiguration\":{\"Url\":\"https://a.example.com/in\",\"Name\":\"a\","
                + "\"AccessKey\":\"k\"},\"RequestConfiguration\":{\"ContentEncoding\":\"GZIP\"},"
                + "\"S3Configuration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}}}");
        firehose.call("UpdateDestination", update("1", "destinationId-000000000001",
                "\"HttpEndpointDestinationUpdate\":{\"EndpointConfiguration\":{\"Url\":\"https://b.example.com/in\"},"
                        + "\"S3Update\":{\"Prefix\":\"failed/\"}}"));

        String described = FirehoseHarness.json(firehose.call("DescribeDeliveryStream", named("s")));
        assertThat(described).contains("\"VersionId\":\"2\"")
                .contains("\"EndpointConfiguration\":{\"Url\":\"https://b.example.com/in\",\"Name\":\"a\"}")
                .contains("\"RequestConfiguration\":{\"ContentEncoding\":\"GZIP\"")
                .contains("\"BucketARN\":\"arn:aws:s3:::my-bucket\",\"Prefix\":\"failed/\"");
    }

    @Test
    void anUpdateOfAnotherTypeReplacesTheDestinationAndNeedsEverythingItsCreationNeeds() {
        firehose.create("s", "");
        // [UNVERIFIED] own wording.
        assertFails("UpdateDestination", update("1", "destinationId-000000000001",
                        "\"HttpEndpointDestinationUpdate\":{\"EndpointConfiguration\":{\"Url\":\"https://x.example.com\"}}"),
                FirehoseError.INVALID_ARGUMENT, "Changing the destination type replaces the destination, so "
                        + "HttpEndpointDestinationUpdate must give every member its creation requires; S3Update is "
                        + "missing.");
        firehose.call("UpdateDestination", update("1", "destinationId-000000000001",
                "\"HttpEndpointDestinationUpdate\":{\"EndpointConfiguration\":{\"Url\":\"https://x.example.com\"},"
                        + "\"S3Update\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                        + "\"BucketARN\":\"arn:aws:s3:::other\"}}"));

        String described = FirehoseHarness.json(firehose.call("DescribeDeliveryStream", named("s")));
        assertThat(described).contains("\"HttpEndpointDestinationDescription\":{\"EndpointConfiguration\":"
                + "{\"Url\":\"https://x.example.com\"}").contains("\"BucketARN\":\"arn:aws:s3:::other\"")
                .doesNotContain("ExtendedS3DestinationDescription");
        assertFails("UpdateDestination", update("2", "destinationId-000000000001",
                        "\"ExtendedS3DestinationUpdate\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\"}"),
                FirehoseError.INVALID_ARGUMENT, "Changing the destination type replaces the destination, so "
                        + "ExtendedS3DestinationUpdate must give every member its creation requires; BucketARN is "
                        + "missing.");
    }

    @Test
    void aRedshiftBackupCannotBeDisabledOnceEnabled() {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"s\",\"RedshiftDestinationConfiguration\":{"
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/r\",\"ClusterJDBCURL\":"
                + "\"jdbc:redshift://c.abc.us-east-1.redshift.amazonaws.com:5439/dev\",\"CopyCommand\":{"
                + "\"DataTableName\":\"events\"},\"S3Configuration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"},\"S3BackupMode\":\"Enabled\",\"S3BackupConfiguration\":{"
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/r\",\"BucketARN\":\"arn:aws:s3:::backup\"}}}");
        // [UNVERIFIED] own wording.
        assertFails("UpdateDestination", update("1", "destinationId-000000000001",
                        "\"RedshiftDestinationUpdate\":{\"S3BackupMode\":\"Disabled\"}"),
                FirehoseError.INVALID_ARGUMENT, "S3BackupMode cannot be changed from Enabled to Disabled.");
        firehose.call("UpdateDestination", update("1", "destinationId-000000000001",
                "\"RedshiftDestinationUpdate\":{\"S3BackupUpdate\":{\"Prefix\":\"src/\"}}"));
        assertThat(FirehoseHarness.json(firehose.call("DescribeDeliveryStream", named("s"))))
                .contains("\"S3BackupDescription\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                        + "\"BucketARN\":\"arn:aws:s3:::backup\",\"Prefix\":\"src/\"");
    }

    @Test
    void anOpenSearchUpdateWouldSwitchServicesWhichIsRefused() {
        firehose.create("s", "");
        // [UNVERIFIED] wording after the API reference.
        assertFails("UpdateDestination", update("1", "destinationId-000000000001",
                        "\"AmazonopensearchserviceDestinationUpdate\":{\"IndexName\":\"i\"}"),
                FirehoseError.INVALID_ARGUMENT, "Switching between Amazon OpenSearch Service and other services is "
                        + "not supported.");
    }

    private static String update(String version, String destinationId, String updateMember) {
        return "{\"DeliveryStreamName\":\"s\",\"CurrentDeliveryStreamVersionId\":\"" + version + "\","
                + "\"DestinationId\":\"" + destinationId + "\"," + updateMember + "}";
    }
}
