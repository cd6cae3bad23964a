package io.millrace.protocol.codec;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import static io.millrace.protocol.codec.Requests.decodeJson;
import static io.millrace.protocol.codec.Requests.failure;
import static io.millrace.protocol.codec.Requests.repeat;
import static org.assertj.core.api.Assertions.assertThat;

class ConstraintValidationTest {
    private static final String LENGTH_ERROR_PREFIX = "Member must have length ";

    private static String validationMessage(String operation, String json) {
        ApiException error = failure(operation, json);
        assertThat(error.error()).isEqualTo(KinesisError.VALIDATION);
        assertThat(error.usesCapitalMessageKey()).isFalse();
        return error.wireMessage();
    }

    @Test
    void emptyStreamNameFailsThePatternBeforeTheLengthAndShardCountZeroFailsItsMinimum() {
        assertThat(validationMessage("CreateStream", "{\"StreamName\":\"\",\"ShardCount\":0}")).isEqualTo(
                "3 validation errors detected: "
                + "Value '' at 'streamName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                + "Value '' at 'streamName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1; "
                + "Value '0' at 'shardCount' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 1");
    }

    @Test
    void aStreamNameOf129CharactersIsOneErrorInTheSingular() {
        String name = repeat('a', 129);
        assertThat(validationMessage("DescribeStream", "{\"StreamName\":\"" + name + "\"}")).isEqualTo(
                "1 validation error detected: Value '" + name + "' at 'streamName' failed to satisfy constraint: "
                + "Member must have length less than or equal to 128");
    }

    @Test
    void aStreamNameOf128CharactersIsValid() {
        assertThat(decodeJson("DescribeStream", "{\"StreamName\":\"" + repeat('a', 128) + "\"}")
                .get("StreamName").textValue()).hasSize(128);
    }

    @Test
    void missingRequiredMembersAreNullAndIntegersPrintClamped() {
        assertThat(validationMessage("GetRecords", "{\"Limit\":100000000000}")).isEqualTo(
                "2 validation errors detected: "
                + "Value null at 'shardIterator' failed to satisfy constraint: Member must not be null; "
                + "Value '2147483647' at 'limit' failed to satisfy constraint: "
                + "Member must have value less than or equal to 10000");
    }

    @Test
    void putRecordsWith501EmptyKeysReportsTheListLengthAndTheFirstNineEntries() {
        StringJoiner records = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 501; i++) {
            records.add("{\"Data\":\"\",\"PartitionKey\":\"\"}");
        }
        String message = validationMessage("PutRecords",
                "{\"StreamName\":\"s\",\"Records\":" + records + "}");

        assertThat(message).startsWith("10 validation errors detected: Value '[com.amazonaws.kinesis.v20131202."
                + "PutRecordsRequestEntry@");
        String[] parts = message.substring("10 validation errors detected: ".length()).split("; ");
        assertThat(parts).hasSize(10);
        assertThat(parts[0]).matches("Value '\\[(com\\.amazonaws\\.kinesis\\.v20131202\\.PutRecordsRequestEntry@"
                + "[0-9a-f]+(, )?){501}\\]' at 'records' failed to satisfy constraint: "
                + "Member must have length less than or equal to 500");
        for (int i = 1; i <= 9; i++) {
            assertThat(parts[i]).isEqualTo("Value '' at 'records." + i + ".member.partitionKey' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
    }

    @Test
    void badShardIteratorTypeListsTheEnumInTheRecordedOrder() {
        assertThat(validationMessage("GetShardIterator",
                "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"SOMETIME\"}"))
                .isEqualTo("1 validation error detected: Value 'SOMETIME' at 'shardIteratorType' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, "
                        + "AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
    }

    @Test
    void otherEnumsUseModelOrderAndNestedStructuresUseDottedPaths() {
        assertThat(validationMessage("CreateStream",
                "{\"StreamName\":\"s\",\"StreamModeDetails\":{\"StreamMode\":\"FAST\"}}"))
                .isEqualTo("1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
        assertThat(validationMessage("CreateStream", "{\"StreamName\":\"s\",\"StreamModeDetails\":{}}"))
                .isEqualTo("1 validation error detected: Value null at 'streamModeDetails.streamMode' failed to "
                        + "satisfy constraint: Member must not be null");
    }

    @Test
    void patternsAreFullMatchesAndPrintedAsInTheModel() {
        assertThat(validationMessage("PutRecord",
                "{\"StreamName\":\"s\",\"Data\":\"\",\"PartitionKey\":\"k\",\"ExplicitHashKey\":\"12a\"}"))
                .isEqualTo("1 validation error detected: Value '12a' at 'explicitHashKey' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
        assertThat(validationMessage("PutRecord",
                "{\"StreamName\":\"s\",\"Data\":\"\",\"PartitionKey\":\"k\",\"ExplicitHashKey\":\"01\"}"))
                .contains("at 'explicitHashKey'");
    }

    @Test
    void emptyOrOversizedTagMapsReportSizeAndEntryConstraints() {
        assertThat(validationMessage("AddTagsToStream", "{\"StreamName\":\"s\",\"Tags\":{}}"))
                .isEqualTo("1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: "
                        + LENGTH_ERROR_PREFIX + "greater than or equal to 1");
        String longValue = repeat('v', 257);
        assertThat(validationMessage("AddTagsToStream",
                "{\"StreamName\":\"s\",\"Tags\":{\"\":\"x\",\"k\":\"" + longValue + "\"}}"))
                .isEqualTo("2 validation errors detected: "
                        + "Value '{=x, k=" + longValue + "}' at 'tags' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must have length less than or equal to 128, "
                        + "Member must have length greater than or equal to 1]; "
                        + "Value '{=x, k=" + longValue + "}' at 'tags' failed to satisfy constraint: "
                        + "Map value must satisfy constraint: [Member must have length less than or equal to 256, "
                        + "Member must have length greater than or equal to 0]");
    }

    @Test
    void listsOfStringsReportElementConstraintsOnceForTheList() {
        assertThat(validationMessage("RemoveTagsFromStream", "{\"StreamName\":\"s\",\"TagKeys\":[\"\",\"a\"]}"))
                .isEqualTo("1 validation error detected: Value '[, a]' at 'tagKeys' failed to satisfy constraint: "
                        + "Member must satisfy constraint: [Member must have length less than or equal to 128, "
                        + "Member must have length greater than or equal to 1]");
    }

    @Test
    void listsOfEnumsReportTheEnumInsideTheElementConstraint() {
        assertThat(validationMessage("EnableEnhancedMonitoring",
                "{\"StreamName\":\"s\",\"ShardLevelMetrics\":[\"ALL\",\"Nope\"]}"))
                .isEqualTo("1 validation error detected: Value '[ALL, Nope]' at 'shardLevelMetrics' failed to "
                        + "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                        + "[IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, "
                        + "WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, "
                        + "IteratorAgeMilliseconds, ALL]]");
    }

    @Test
    void oversizedBlobsPrintAsHeapByteBuffersWithTheirByteLength() {
        byte[] body = CborBodies.putRecord("s", new byte[10 * 1024 * 1024 + 1], "k");
        ApiException error = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                () -> Requests.PROTOCOL.decode("PutRecord", WireFormat.CBOR, body));
        assertThat(error.wireMessage()).isEqualTo("1 validation error detected: Value 'java.nio.HeapByteBuffer"
                + "[pos=0 lim=10485761 cap=10485761]' at 'data' failed to satisfy constraint: "
                + "Member must have length less than or equal to 10485760");
    }

    @Test
    void stringLengthsCountUtf16CharsNotBytes() {
        String key = "é".repeat(256);
        assertThat(decodeJson("PutRecord",
                "{\"StreamName\":\"s\",\"Data\":\"\",\"PartitionKey\":\"" + key + "\"}").get("PartitionKey")
                .textValue().getBytes(StandardCharsets.UTF_8)).hasSize(512);
    }

    @Test
    void streamIdIsAcceptedAndIgnoredWhateverItHolds() {
        assertThat(decodeJson("DescribeStreamSummary", "{\"StreamName\":\"s\",\"StreamId\":\"not an id!\"}")
                .has("StreamId")).isFalse();
    }

    @Test
    void validationRunsAfterTypeChecking() {
        ApiException error = failure("CreateStream", "{\"StreamName\":\"\",\"ShardCount\":\"x\"}");
        assertThat(error.error()).isEqualTo(KinesisError.SERIALIZATION);
    }
}
