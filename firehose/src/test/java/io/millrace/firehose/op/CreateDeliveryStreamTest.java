package io.millrace.firehose.op;

import io.millrace.firehose.FirehoseHarness;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.millrace.firehose.FirehoseHarness.createJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreateDeliveryStreamTest {
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

    @Test
    void returnsTheArnOfTheNewStream() {
        CreateDeliveryStreamResponse response = firehose.call("CreateDeliveryStream", createJson("orders", ""));
        assertThat(response.deliveryStreamARN())
                .isEqualTo("arn:aws:firehose:us-east-1:123456789012:deliverystream/orders");
        assertThat(FirehoseHarness.json(response))
                .isEqualTo("{\"DeliveryStreamARN\":\"arn:aws:firehose:us-east-1:123456789012:deliverystream/orders\"}");
    }

    @Test
    void aTakenNameIsResourceInUse() {
        firehose.create("orders", "");
        // [UNVERIFIED] message wording.
        assertFails(createJson("orders", ""), FirehoseError.RESOURCE_IN_USE,
                "Firehose orders under accountId 123456789012 already exists.");
    }

    @Test
    void theNameIsValidatedByTheModel() {
        assertThatThrownBy(() -> firehose.call("CreateDeliveryStream", createJson("bad name", "")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.VALIDATION);
                    assertThat(e.wireMessage()).isEqualTo("1 validation error detected: Value 'bad name' at "
                            + "'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern: [a-zA-Z0-9_.-]+");
                });
    }

    @Test
    void aKinesisSourceNeedsItsConfigurationAndMskSourcesAreRefused() {
        assertFails("{\"DeliveryStreamName\":\"s\",\"DeliveryStreamType\":\"KinesisStreamAsSource\"}",
                FirehoseError.INVALID_ARGUMENT,
                "KinesisStreamSourceConfiguration is required for DeliveryStreamType KinesisStreamAsSource.");
        assertFails("{\"DeliveryStreamName\":\"s\",\"DeliveryStreamType\":\"MSKAsSource\"}",
                FirehoseError.INVALID_ARGUMENT, "DeliveryStreamType MSKAsSource needs an Apache Kafka (MSK) cluster, "
                        + "which this Millrace server does not have; use DirectPut or KinesisStreamAsSource, or start "
                        + "the server with --msk-bootstrap or --kafka-bootstrap.");
        assertFails("{\"DeliveryStreamName\":\"s\",\"DeliveryStreamType\":\"DatabaseAsSource\"}",
                FirehoseError.INVALID_ARGUMENT, "DeliveryStreamType DatabaseAsSource is not supported by this "
                        + "version of Millrace yet; only DirectPut and KinesisStreamAsSource delivery streams are.");
    }

    @Test
    void anMskSourceConfigurationIsOnlyAllowedForAnMskSource() {
        assertFails("{\"DeliveryStreamName\":\"s\",\"MSKSourceConfiguration\":{\"MSKClusterARN\":"
                        + "\"arn:aws:kafka:us-east-1:123456789012:cluster/c/1\",\"TopicName\":\"t\","
                        + "\"AuthenticationConfiguration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/r\","
                        + "\"Connectivity\":\"PRIVATE\"}}}",
                FirehoseError.INVALID_ARGUMENT, "MSKSourceConfiguration is only allowed for DeliveryStreamType "
                        + "MSKAsSource.");
    }

    @Test
    void exactlyOneDestinationIsRequired() {
        // [UNVERIFIED] message wording.
        assertFails("{\"DeliveryStreamName\":\"s\"}", FirehoseError.INVALID_ARGUMENT,
                "Exactly one destination configuration is supported for a Firehose");
    }

    @Test
    void bufferingHintsNeedBothMembers() {
        assertFails(createJson("s", "\"BufferingHints\":{\"SizeInMBs\":1}"), FirehoseError.INVALID_ARGUMENT,
                "BufferingHints must specify both SizeInMBs and IntervalInSeconds.");
    }

    @Test
    void bufferingHintRangesComeFromTheModel() {
        assertThatThrownBy(() -> firehose.call("CreateDeliveryStream",
                createJson("s", "\"BufferingHints\":{\"SizeInMBs\":129,\"IntervalInSeconds\":901}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.wireMessage()).isEqualTo(
                        "2 validation errors detected: Value '129' at "
                                + "'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy "
                                + "constraint: Member must have value less than or equal to 128; Value '901' at "
                                + "'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds' failed to "
                                + "satisfy constraint: Member must have value less than or equal to 900"));
    }

    @Test
    void prefixExpressionsNeedAnErrorOutputPrefix() {
        assertFails(createJson("s", "\"Prefix\":\"d=!{timestamp:yyyy}/\""), FirehoseError.INVALID_ARGUMENT,
                "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        assertFails(createJson("s", "\"Prefix\":\"d=!{timestamp:yyyy}/\",\"ErrorOutputPrefix\":\"e/!{timestamp:yyyy}/\""),
                FirehoseError.INVALID_ARGUMENT,
                "ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.");
        assertFails(createJson("s", "\"Prefix\":\"!{firehose:error-output-type}/\""),
                FirehoseError.INVALID_ARGUMENT,
                "Prefix cannot contain the !{firehose:error-output-type} expression.");
    }

    @Test
    void unsupportedFeaturesAreRefusedRatherThanIgnored() {
        assertFails(createJson("s", "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[{\"Type\":"
                        + "\"CloudWatchLogProcessing\",\"Parameters\":[{\"ParameterName\":\"DataMessageExtraction\","
                        + "\"ParameterValue\":\"true\"}]}]}"),
                FirehoseError.INVALID_ARGUMENT, "The CloudWatchLogProcessing processor requires a Decompression "
                        + "processor in the same ProcessingConfiguration.");
        assertFails(createJson("s", "\"DataFormatConversionConfiguration\":{\"Enabled\":true}"),
                FirehoseError.INVALID_ARGUMENT, "DataFormatConversionConfiguration is not supported by this version "
                        + "of Millrace.");
    }

    @Test
    void prefixesMustStayInsideTheBucketDirectory() {
        assertFails(createJson("s", "\"Prefix\":\"../escape/\""), FirehoseError.INVALID_ARGUMENT,
                "The bucket and prefixes must name a location inside the bucket directory of the embedded S3 store; "
                        + "'..' path segments and absolute prefixes are not supported.");
    }

    private void assertFails(String json, FirehoseError error, String message) {
        assertThatThrownBy(() -> firehose.call("CreateDeliveryStream", json))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.wireMessage()).isEqualTo(message);
                });
    }
}
