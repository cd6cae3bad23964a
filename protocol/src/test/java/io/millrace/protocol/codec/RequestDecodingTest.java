package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.millrace.protocol.codec.WireRecords.GetShardIteratorRequest;
import io.millrace.protocol.codec.WireRecords.PutRecordsRequest;
import io.millrace.protocol.codec.WireRecords.ShardIteratorType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;

import static io.millrace.protocol.codec.Requests.PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

class RequestDecodingTest {
    private static final long MILLIS = 1_459_799_926_480L;

    @Test
    void cborTimestampsAreTag1MillisOrUntaggedMillisOrFloatSeconds() throws IOException {
        assertThat(cborTimestamp(gen -> {
            tag(gen);
            number(gen, MILLIS);
        })).isEqualTo(MILLIS);
        assertThat(cborTimestamp(gen -> number(gen, MILLIS))).isEqualTo(MILLIS);
        assertThat(cborTimestamp(gen -> {
            tag(gen);
            number(gen, 1_459_799_926.5);
        })).isEqualTo(1_459_799_926_500L);
        assertThat(cborTimestamp(gen -> number(gen, 1_459_799_926.25))).isEqualTo(1_459_799_926_250L);
    }

    @Test
    void cborBlobsMayBeByteStringsOrBase64Text() throws IOException {
        byte[] fromBytes = cborData(gen -> binary(gen, new byte[] {1, 2, 3}));
        byte[] fromText = cborData(gen -> text(gen, "AQID"));
        assertThat(fromBytes).containsExactly(1, 2, 3);
        assertThat(fromText).containsExactly(1, 2, 3);
    }

    @Test
    void bindingMapsMembersToLowerCamelRecordComponentsWithEnumsAndInstants() {
        JsonNode decoded = Requests.decodeJson("GetShardIterator", "{\"StreamName\":\"s\",\"ShardId\":\"shardId-1\","
                + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":1459799926.48,"
                + "\"StreamARN\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\",\"StreamId\":\"x\"}");

        GetShardIteratorRequest request = PROTOCOL.bind(decoded, GetShardIteratorRequest.class);

        assertThat(request).isEqualTo(new GetShardIteratorRequest("s", "shardId-1", ShardIteratorType.AT_TIMESTAMP,
                null, Instant.ofEpochMilli(MILLIS), "arn:aws:kinesis:us-east-1:123456789012:stream/s"));
    }

    @Test
    void aTenMebibyteJsonBlobFitsTheParserLimits() {
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(3).nextBytes(data);
        String body = "{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"k\",\"Data\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}]}";

        PutRecordsRequest request = PROTOCOL.bind(
                PROTOCOL.decode("PutRecords", WireFormat.JSON, body.getBytes(StandardCharsets.US_ASCII)),
                PutRecordsRequest.class);

        assertThat(request.records().get(0).data()).isEqualTo(data);
    }

    private interface GenWriter {
        void write(CBORGenerator gen) throws IOException;
    }

    private static long cborTimestamp(GenWriter timestamp) throws IOException {
        byte[] body = cbor(gen -> {
            gen.writeStringField("ShardId", "shardId-1");
            gen.writeStringField("ShardIteratorType", "AT_TIMESTAMP");
            gen.writeFieldName("Timestamp");
            timestamp.write(gen);
        });
        return PROTOCOL.decode("GetShardIterator", WireFormat.CBOR, body).get("Timestamp").longValue();
    }

    private static byte[] cborData(GenWriter data) throws IOException {
        byte[] body = cbor(gen -> {
            gen.writeStringField("PartitionKey", "k");
            gen.writeFieldName("Data");
            data.write(gen);
        });
        return PROTOCOL.decode("PutRecord", WireFormat.CBOR, body).get("Data").binaryValue();
    }

    private static byte[] cbor(GenWriter members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
            gen.writeStartObject();
            members.write(gen);
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void tag(CBORGenerator gen) throws IOException {
        gen.writeTag(1);
    }

    private static void number(JsonGenerator gen, long value) throws IOException {
        gen.writeNumber(value);
    }

    private static void number(JsonGenerator gen, double value) throws IOException {
        gen.writeNumber(value);
    }

    private static void binary(JsonGenerator gen, byte[] value) throws IOException {
        gen.writeBinary(value);
    }

    private static void text(JsonGenerator gen, String value) throws IOException {
        gen.writeString(value);
    }
}
