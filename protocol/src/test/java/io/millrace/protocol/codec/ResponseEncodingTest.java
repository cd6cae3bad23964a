package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.millrace.protocol.codec.WireRecords.GetRecordsResponse;
import io.millrace.protocol.codec.WireRecords.Record;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseEncodingTest {
    private static final KinesisProtocol PROTOCOL = KinesisProtocol.kinesis();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    private record StreamSummary(String streamName, String streamARN, Instant streamCreationTimestamp,
                                 Integer openShardCount) {
    }

    @Test
    void operationsWithoutOutputEncodeToAnEmptyBody() {
        assertThat(PROTOCOL.encodeResponse(null, WireFormat.JSON)).isEmpty();
        assertThat(PROTOCOL.encodeResponse(null, WireFormat.CBOR)).isEmpty();
    }

    @Test
    void jsonUsesPascalCaseNamesOmitsNullsAndWritesTimestampsAsFractionalSeconds() {
        StreamSummary summary = new StreamSummary("s", "arn:aws:kinesis:us-east-1:123456789012:stream/s",
                Instant.ofEpochMilli(1_459_799_926_480L), null);
        assertThat(new String(PROTOCOL.encodeResponse(summary, WireFormat.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"StreamName\":\"s\",\"StreamARN\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\","
                        + "\"StreamCreationTimestamp\":1459799926.48}");
        StreamSummary whole = new StreamSummary("s", null, Instant.ofEpochSecond(1_459_799_926L), 2);
        assertThat(new String(PROTOCOL.encodeResponse(whole, WireFormat.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"StreamName\":\"s\",\"StreamCreationTimestamp\":1459799926,\"OpenShardCount\":2}");
    }

    @Test
    void cborWritesOneDefiniteLengthMapWithTag1AndIntegerMillis() throws IOException {
        StreamSummary summary = new StreamSummary("s", null, Instant.ofEpochMilli(1_459_799_926_480L), 3);
        byte[] body = PROTOCOL.encodeResponse(summary, WireFormat.CBOR);

        assertThat(body[0] & 0xff).as("map of 3 pairs").isEqualTo(0xa3);
        try (CBORParser parser = new CBORFactory().createParser(body)) {
            while (parser.nextToken() != null) {
                if (JsonToken.FIELD_NAME == parser.currentToken()
                        && "StreamCreationTimestamp".equals(parser.currentName())) {
                    assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
                    assertThat(parser.getCurrentTag()).isEqualTo(1);
                    assertThat(parser.getLongValue()).isEqualTo(1_459_799_926_480L);
                }
            }
        }
        assertThat(CBOR.readTree(body).get("OpenShardCount").intValue()).isEqualTo(3);
    }

    @Test
    void aTenMebibyteBlobSurvivesACborResponseIntact() throws IOException {
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(data);
        GetRecordsResponse response = new GetRecordsResponse(
                List.of(new Record("49590338271490256608559692538361571095921575989136588898",
                        Instant.ofEpochMilli(1_700_000_000_123L), data, "k", null)),
                "AAAA", 0L, List.of());

        byte[] body = PROTOCOL.encodeResponse(response, WireFormat.CBOR);

        assertThat(body.length).isGreaterThan(data.length);
        JsonNode parsed = CBOR.readTree(body);
        assertThat(Arrays.equals(parsed.get("Records").get(0).get("Data").binaryValue(), data)).isTrue();
        assertThat(parsed.get("ChildShards").isEmpty()).isTrue();
        assertThat(parsed.get("MillisBehindLatest").longValue()).isZero();
    }

    @Test
    void tenThousandRecordsOfAKibibyteEncodeInBothFormatsWithoutTruncation() throws IOException {
        List<Record> records = new ArrayList<>(10_000);
        byte[] data = new byte[1024];
        for (int i = 0; i < 10_000; i++) {
            records.add(new Record(Integer.toString(i), Instant.ofEpochMilli(i), data, "key-" + i, "NONE"));
        }
        GetRecordsResponse response = new GetRecordsResponse(records, "next", 5L, null);

        JsonNode fromCbor = CBOR.readTree(PROTOCOL.encodeResponse(response, WireFormat.CBOR));
        JsonNode fromJson = new ObjectMapper().readTree(PROTOCOL.encodeResponse(response, WireFormat.JSON));

        assertThat(fromCbor.get("Records")).hasSize(10_000);
        assertThat(fromCbor.get("Records").get(9_999).get("PartitionKey").asText()).isEqualTo("key-9999");
        assertThat(fromJson.get("Records")).hasSize(10_000);
        assertThat(fromJson.get("Records").get(9_999).get("ApproximateArrivalTimestamp").decimalValue())
                .isEqualByComparingTo("9.999");
        assertThat(fromJson.get("NextShardIterator").asText()).isEqualTo("next");
    }
}
