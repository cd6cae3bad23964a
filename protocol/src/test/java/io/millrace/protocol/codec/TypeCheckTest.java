package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static io.millrace.protocol.codec.Requests.PROTOCOL;
import static io.millrace.protocol.codec.Requests.decodeJson;
import static io.millrace.protocol.codec.Requests.failure;
import static org.assertj.core.api.Assertions.assertThat;

class TypeCheckTest {
    private static final String NUMBER = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            DeleteStream | {"StreamName":true} | class java.lang.Boolean can not be converted to an String
            DeleteStream | {"StreamName":12} | NUMBER can not be converted to an String
            DeleteStream | {"StreamName":1.5} | NUMBER can not be converted to an String
            CreateStream | {"StreamName":"s","ShardCount":"23"} | class java.lang.String can not be converted to an Integer
            CreateStream | {"StreamName":"s","ShardCount":true} | class java.lang.Boolean can not be converted to an Integer
            DeleteStream | {"EnforceConsumerDeletion":"23"} | '23' can not be converted to an Boolean
            DeleteStream | {"EnforceConsumerDeletion":"maybe"} | 'MAYBE' can not be converted to an Boolean
            DeleteStream | {"EnforceConsumerDeletion":1} | NUMBER can not be converted to an Boolean
            PutRecord | {"Data":true} | class java.lang.Boolean can not be converted to a Blob
            PutRecord | {"Data":12} | NUMBER can not be converted to a Blob
            PutRecord | {"Data":"23456"} | '23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5
            PutRecord | {"Data":"=+/="} | '=+/=' can not be converted to a Blob: Invalid Base64 character: '='
            PutRecord | {"Data":"ab.="} | 'ab.=' can not be converted to a Blob: Invalid Base64 character: '.'
            PutRecord | {"Data":"+/+="} | '+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected
            PutRecord | {"Data":"QQ==","PartitionKey":"k"} | OK
            PutRecord | {"Data":"QR=="} | 'QR==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected
            GetShardIterator | {"Timestamp":"23"} | class java.lang.String can not be converted to milliseconds since epoch
            GetShardIterator | {"Timestamp":true} | class java.lang.Boolean can not be converted to milliseconds since epoch
            PutRecords | {"Records":1} | Expected list or null
            PutRecords | {"Records":"x"} | Expected list or null
            PutRecords | {"Records":{}} | Start of structure or map found where not expected.
            PutRecords | {"Records":[{"Data":false}]} | class java.lang.Boolean can not be converted to a Blob
            PutRecords | {"Records":[{"PartitionKey":[]}]} | Start of list found where not expected
            AddTagsToStream | {"Tags":"x"} | Expected map or null
            AddTagsToStream | {"Tags":[]} | Start of list found where not expected
            AddTagsToStream | {"Tags":{"k":7}} | NUMBER can not be converted to an String
            CreateStream | {"StreamModeDetails":"x"} | Expected null
            CreateStream | {"StreamModeDetails":[]} | Start of list found where not expected
            DescribeStream | {"StreamName":[]} | Start of list found where not expected
            DescribeStream | {"StreamName":{}} | Start of structure or map found where not expected.
            DescribeStream | {"Limit":{}} | Start of structure or map found where not expected.
            """)
    void typeErrorsAreSerializationExceptionsWithAwsText(String operation, String body, String expected) {
        String message = expected.replace("NUMBER", NUMBER);
        if (message.equals("OK")) {
            assertThat(decodeJson(operation, body)).isNotNull();
            return;
        }
        ApiException error = failure(operation, body);
        assertThat(error.error()).isEqualTo(KinesisError.SERIALIZATION);
        assertThat(error.wireMessage()).isEqualTo(message);
        assertThat(error.usesCapitalMessageKey()).isTrue();
    }

    @Test
    void typeErrorsAreEncodedWithTheCapitalMessageKey() {
        ApiException error = failure("DeleteStream", "{\"StreamName\":true}");
        assertThat(new String(PROTOCOL.encodeError(error, WireFormat.JSON), StandardCharsets.UTF_8)).isEqualTo(
                "{\"__type\":\"SerializationException\","
                + "\"Message\":\"class java.lang.Boolean can not be converted to an String\"}");
    }

    @Test
    void integersAreFlooredAndClampedInsteadOfRejected() {
        assertThat(decodeJson("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":2.9}").get("ShardCount").intValue())
                .isEqualTo(2);
        assertThat(decodeJson("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":1e30}").get("ShardCount")
                .intValue()).isEqualTo(Integer.MAX_VALUE);
        assertThat(decodeJson("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":99999999999999999999999}")
                .get("ShardCount").intValue()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void booleanWordsAndDoublesAreAcceptedAsBooleans() {
        assertThat(decodeJson("DeleteStream", "{\"StreamName\":\"s\",\"EnforceConsumerDeletion\":\"Yes\"}")
                .get("EnforceConsumerDeletion").booleanValue()).isTrue();
        assertThat(decodeJson("DeleteStream", "{\"StreamName\":\"s\",\"EnforceConsumerDeletion\":\"0\"}")
                .get("EnforceConsumerDeletion").booleanValue()).isFalse();
        assertThat(decodeJson("DeleteStream", "{\"StreamName\":\"s\",\"EnforceConsumerDeletion\":0.5}")
                .get("EnforceConsumerDeletion").booleanValue()).isTrue();
    }

    @Test
    void nullMembersAndUnknownMembersAreDropped() {
        JsonNode decoded = decodeJson("DescribeStream",
                "{\"StreamName\":\"s\",\"Limit\":null,\"ExclusiveStartShardId\":null,\"Surprise\":[1,{}]}");
        assertThat(decoded.toString()).isEqualTo("{\"StreamName\":\"s\"}");
    }

    @Test
    void membersComeOutInModelOrder() throws java.io.IOException {
        JsonNode decoded = decodeJson("PutRecord",
                "{\"PartitionKey\":\"k\",\"Data\":\"QQ==\",\"StreamName\":\"s\"}");
        assertThat(decoded.fieldNames()).toIterable().containsExactly("StreamName", "Data", "PartitionKey");
        assertThat(decoded.get("Data").binaryValue()).containsExactly('A');
    }

    @Test
    void cborEntriesComeOutAsModelledWhateverOrderAndExtrasTheyCameWith() throws java.io.IOException {
        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        ObjectNode body = cbor.createObjectNode();
        body.put("StreamName", "s");
        ArrayNode records = body.putArray("Records");
        records.addObject().put("Data", new byte[]{1}).put("PartitionKey", "a"); // as the SDK writes an entry
        records.addObject().put("PartitionKey", "b").put("Data", new byte[]{2});
        records.addObject().put("Data", new byte[]{3}).put("PartitionKey", "c").put("Surprise", 1);
        records.addObject().put("Data", new byte[]{4}).putNull("ExplicitHashKey").put("PartitionKey", "d");
        records.addObject().put("StreamId", "x").put("Data", new byte[]{5}).put("PartitionKey", "e");

        JsonNode decoded = PROTOCOL.decode("PutRecords", WireFormat.CBOR, cbor.writeValueAsBytes(body));

        assertThat(decoded.fieldNames()).toIterable().containsExactly("Records", "StreamName");
        for (JsonNode entry : decoded.get("Records")) {
            assertThat(entry.fieldNames()).toIterable().containsExactly("Data", "PartitionKey");
        }
        assertThat(decoded.get("Records").findValuesAsText("PartitionKey")).containsExactly("a", "b", "c", "d", "e");
        assertThat(decoded.get("Records").get(1).get("Data").binaryValue()).containsExactly(2);
    }

    @Test
    void jsonTimestampsAreEpochSecondsWithFractionNormalisedToMillis() {
        assertThat(timestampMillis("1459799926.48")).isEqualTo(1_459_799_926_480L);
        assertThat(timestampMillis("1459799926")).isEqualTo(1_459_799_926_000L);
        assertThat(timestampMillis("1.4597999261239E9")).isEqualTo(1_459_799_926_123L);
    }

    private static long timestampMillis(String number) {
        return decodeJson("GetShardIterator", "{\"StreamName\":\"s\",\"ShardId\":\"shardId-1\","
                + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":" + number + "}").get("Timestamp").longValue();
    }
}
