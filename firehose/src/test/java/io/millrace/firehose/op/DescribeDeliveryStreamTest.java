package io.millrace.firehose.op;

import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescribeDeliveryStreamTest extends OperationTestBase {

    @Test
    void describesAnActiveDirectPutStreamWithDefaultsFilledIn() {
        firehose.create("orders", "");
        DescribeDeliveryStreamResponse response = firehose.call("DescribeDeliveryStream", named("orders"));
        assertThat(firehose.json(response)).isEqualTo("{\"DeliveryStreamDescription\":{"
                + "\"DeliveryStreamName\":\"orders\","
                + "\"DeliveryStreamARN\":\"arn:aws:firehose:us-east-1:123456789012:deliverystream/orders\","
                + "\"DeliveryStreamStatus\":\"ACTIVE\","
                + "\"DeliveryStreamEncryptionConfiguration\":{\"Status\":\"DISABLED\"},"
                + "\"DeliveryStreamType\":\"DirectPut\",\"VersionId\":\"1\","
                + "\"CreateTimestamp\":1772600767.123,\"LastUpdateTimestamp\":1772600767.123,"
                + "\"Destinations\":[{\"DestinationId\":\"destinationId-000000000001\","
                + "\"S3DestinationDescription\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\","
                + "\"BufferingHints\":{\"SizeInMBs\":5,\"IntervalInSeconds\":300},"
                + "\"CompressionFormat\":\"UNCOMPRESSED\","
                + "\"EncryptionConfiguration\":{\"NoEncryptionConfig\":\"NoEncryption\"}},"
                + "\"ExtendedS3DestinationDescription\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\","
                + "\"BufferingHints\":{\"SizeInMBs\":5,\"IntervalInSeconds\":300},"
                + "\"CompressionFormat\":\"UNCOMPRESSED\","
                + "\"EncryptionConfiguration\":{\"NoEncryptionConfig\":\"NoEncryption\"},"
                + "\"S3BackupMode\":\"Disabled\"}}],"
                + "\"HasMoreDestinations\":false}}");
    }

    @Test
    void echoesTheConfiguredMembersAndTheDirectPutSource() {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"s\","
                + "\"DirectPutSourceConfiguration\":{\"ThroughputHintInMBs\":2},"
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\",\"Prefix\":\"logs/\",\"CompressionFormat\":\"GZIP\","
                + "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":60},\"CustomTimeZone\":\"UTC\"}}");
        DeliveryStreamDescription description = firehose.<DescribeDeliveryStreamResponse>call(
                "DescribeDeliveryStream", named("s")).deliveryStreamDescription();
        assertThat(description.source().directPutSourceDescription().throughputHintInMBs()).isEqualTo(2);
        ExtendedS3DestinationDescription s3 = description.destinations().get(0).extendedS3DestinationDescription();
        assertThat(s3.prefix()).isEqualTo("logs/");
        assertThat(s3.compressionFormat()).isEqualTo("GZIP");
        assertThat(s3.bufferingHints().sizeInMBs()).isEqualTo(1);
        assertThat(s3.bufferingHints().intervalInSeconds()).isEqualTo(60);
        assertThat(s3.customTimeZone()).isEqualTo("UTC");
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        // [UNVERIFIED] message wording.
        assertFails("DescribeDeliveryStream", named("nope"), FirehoseError.RESOURCE_NOT_FOUND,
                "Firehose nope under account 123456789012 not found.");
    }
}
