package io.millrace.firehose.op;

import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.millrace.firehose.FirehoseHarness.createJson;
import static org.assertj.core.api.Assertions.assertThat;

/** CreateDeliveryStream and UpdateDestination enforce how dynamic partitioning, prefixes and processors fit. */
class DynamicPartitioningRulesTest extends OperationTestBase {
    private static final String ON = "\"DynamicPartitioningConfiguration\":{\"Enabled\":true}";
    private static final String JQ = "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[{\"Type\":"
            + "\"MetadataExtraction\",\"Parameters\":[{\"ParameterName\":\"MetadataExtractionQuery\","
            + "\"ParameterValue\":\"{c:.c}\"},{\"ParameterName\":\"JsonParsingEngine\",\"ParameterValue\":\"JQ-1.6\"}]}]}";
    private static final String KEYED = "\"Prefix\":\"c=!{partitionKeyFromQuery:c}/\","
            + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}/\"";

    private void refused(String members, String message) {
        assertFails("CreateDeliveryStream", createJson("s", members), FirehoseError.INVALID_ARGUMENT, message);
    }

    @Test
    void dynamicPartitioningNeedsKeysInThePrefixAnErrorPrefixAndTheirProcessor() {
        refused(ON + ",\"Prefix\":\"p/\",\"ErrorOutputPrefix\":\"e/\"", "When dynamic partitioning is enabled, "
                + "Prefix must contain at least one partitionKeyFromQuery or partitionKeyFromLambda expression.");
        refused(ON + "," + JQ + ",\"Prefix\":\"c=!{partitionKeyFromQuery:c}/\"",
                "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        refused(ON + "," + KEYED, "Prefix uses partitionKeyFromQuery, which requires an enabled MetadataExtraction "
                + "processor.");
        refused(ON + ",\"Prefix\":\"k=!{partitionKeyFromLambda:k}/\",\"ErrorOutputPrefix\":\"e/\"",
                "Prefix uses partitionKeyFromLambda, which requires an enabled Lambda processor.");
    }

    @Test
    void partitionKeysAndJqNeedDynamicPartitioning() {
        refused(JQ + "," + KEYED, "Prefix can use partitionKeyFromQuery and partitionKeyFromLambda expressions only "
                + "when dynamic partitioning is enabled.");
        refused(JQ, "The MetadataExtraction processor requires dynamic partitioning to be enabled.");
        refused(ON + "," + JQ + ",\"Prefix\":\"c=!{partitionKeyFromQuery:c}/\","
                        + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}/!{partitionKeyFromQuery:c}/\"",
                "ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions.");
    }

    @Test
    void dynamicPartitioningIsDescribedAndCannotBeSwitchedOffByAnUpdate() {
        firehose.create("s", ON + "," + JQ + "," + KEYED);
        DescribeDeliveryStreamResponse described = firehose.call("DescribeDeliveryStream",
                "{\"DeliveryStreamName\":\"s\"}");
        assertThat(firehose.json(described)).contains("\"DynamicPartitioningConfiguration\":{\"Enabled\":true,"
                + "\"RetryOptions\":{\"DurationInSeconds\":300}}");
        assertFails("UpdateDestination", "{\"DeliveryStreamName\":\"s\",\"CurrentDeliveryStreamVersionId\":\"1\","
                        + "\"DestinationId\":\"destinationId-000000000001\",\"ExtendedS3DestinationUpdate\":{"
                        + "\"DynamicPartitioningConfiguration\":{\"Enabled\":false}}}", FirehoseError.INVALID_ARGUMENT,
                "Dynamic partitioning can only be set when the delivery stream is created; it cannot be disabled by "
                        + "UpdateDestination.");
    }

    @Test
    void recordsArePartitionedByTheirKeysAndRecordsWithoutKeysFail() {
        firehose.create("s", ON + "," + JQ + "," + KEYED);
        firehose.put("s", "{\"c\":\"x\"}");
        firehose.put("s", "{\"c\":\"y\"}");
        firehose.put("s", "{\"c\":\"..\"}");
        firehose.put("s", "{\"c\":\"x\",\"n\":2}");
        firehose.engine.flushAll();
        List<Path> objects = firehose.objects();
        assertThat(objects).hasSize(3);
        assertThat(objects.get(0).toString().replace('\\', '/')).startsWith("c=x/s-1-");
        assertThat(firehose.content(objects.get(0))).isEqualTo("{\"c\":\"x\"}{\"c\":\"x\",\"n\":2}");
        assertThat(firehose.content(objects.get(1))).isEqualTo("{\"c\":\"y\"}");
        assertThat(objects.get(2).toString().replace('\\', '/')).startsWith("e/processing-failed/2026/03/04/05/s-1-");
        assertThat(firehose.content(objects.get(2))).startsWith("{\"attemptsMade\":1,").contains(
                "\"errorCode\":\"DynamicPartitioning.MetadataExtractionFailed\"");
    }

    @Test
    void withoutAnErrorOutputPrefixFailuresGoUnderThePrefixAndTheErrorType() {
        firehose.create("s", "\"Prefix\":\"logs/\",\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[{"
                + "\"Type\":\"RecordDeAggregation\",\"Parameters\":[{\"ParameterName\":\"SubRecordType\","
                + "\"ParameterValue\":\"JSON\"}]}]}");
        firehose.put("s", "{broken");
        firehose.engine.flushAll();
        assertThat(firehose.objects()).singleElement().satisfies(object -> assertThat(
                object.toString().replace('\\', '/')).startsWith("logs/processing-failed/2026/03/04/05/s-1-"));
    }
}
