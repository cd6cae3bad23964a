package io.millrace.firehose.op;

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

    private static String update(String version, String destinationId, String updateMember) {
        return "{\"DeliveryStreamName\":\"s\",\"CurrentDeliveryStreamVersionId\":\"" + version + "\","
                + "\"DestinationId\":\"" + destinationId + "\"," + updateMember + "}";
    }
}
