package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.protocol.codec.WireRecords.ChildShard;
import io.millrace.protocol.codec.WireRecords.CreateStreamRequest;
import io.millrace.protocol.codec.WireRecords.GetRecordsResponse;
import io.millrace.protocol.codec.WireRecords.GetShardIteratorRequest;
import io.millrace.protocol.codec.WireRecords.PutRecordsRequest;
import io.millrace.protocol.codec.WireRecords.PutRecordsRequestEntry;
import io.millrace.protocol.codec.WireRecords.Record;
import io.millrace.protocol.codec.WireRecords.ShardIteratorType;
import io.millrace.protocol.codec.WireRecords.StreamMode;
import io.millrace.protocol.codec.WireRecords.StreamModeDetails;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;

import java.math.BigInteger;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CodecRoundTripProperties {
    private static final KinesisProtocol PROTOCOL = KinesisProtocol.kinesis();
    private static final long YEAR_2100_MS = 4_102_444_800_000L;
    private static final RequestBinder BINDER = new RequestBinder();
    private static final StreamingBinder STREAMING = new StreamingBinder();
    private static final WireMappers MAPPERS = new WireMappers();

    @Property(tries = 150)
    void putRecordsRequestsSurviveTheWire(@ForAll("putRecords") PutRecordsRequest request,
                                          @ForAll WireFormat format) throws Exception {
        assertRoundTrip("PutRecords", request, PutRecordsRequest.class, format);
    }

    @Property(tries = 150)
    void getShardIteratorRequestsWithTimestampsSurviveTheWire(
            @ForAll("getShardIterator") GetShardIteratorRequest request, @ForAll WireFormat format) throws Exception {
        assertRoundTrip("GetShardIterator", request, GetShardIteratorRequest.class, format);
    }

    @Property(tries = 150)
    void createStreamRequestsWithTagsSurviveTheWire(@ForAll("createStream") CreateStreamRequest request,
                                                    @ForAll WireFormat format) throws Exception {
        assertRoundTrip("CreateStream", request, CreateStreamRequest.class, format);
    }

    @Property(tries = 100)
    void responsesParseBackWithAPlainSdkStyleReader(@ForAll("getRecordsResponse") GetRecordsResponse response,
                                                    @ForAll WireFormat format) throws Exception {
        byte[] body = PROTOCOL.encodeResponse(response, format);

        GetRecordsResponse parsed = SdkStyleMappers.forFormat(format).readValue(body, GetRecordsResponse.class);
        assertThat(parsed).usingRecursiveComparison().isEqualTo(response);
        JsonNode tree = SdkStyleMappers.forFormat(format).readTree(body);
        assertThat(tree.has("NextShardIterator")).isEqualTo(response.nextShardIterator() != null);
        assertThat(tree.get("Records").isArray()).as("empty lists are written").isTrue();
    }

    @Property(tries = 50)
    void encodingIntoAStreamWritesTheSameBytes(@ForAll("getRecordsResponse") GetRecordsResponse response,
                                               @ForAll WireFormat format) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the caller owns the stream");
            }
        };

        PROTOCOL.encodeResponse(response, format, out);

        assertThat(out.toByteArray()).isEqualTo(PROTOCOL.encodeResponse(response, format));
    }

    private static <T> void assertRoundTrip(String operation, T request, Class<T> type, WireFormat format)
            throws Exception {
        byte[] body = SdkStyleMappers.forFormat(format).writeValueAsBytes(request);

        JsonNode tree = PROTOCOL.decode(operation, format, body);
        T bound = PROTOCOL.bind(tree, type);

        DecodedRequest<T> streamed = STREAMING.tryDecode(PROTOCOL.model().operation(operation).input(), type,
                MAPPERS.factory(format).createParser(body), format);
        boolean jsonTimestamp = format == WireFormat.JSON && tree.has("Timestamp"); // fractional seconds: judged
        if (jsonTimestamp) {
            assertThat(streamed).as("fractional seconds are the full path's").isNull();
        } else {
            assertThat(streamed).as("decoded straight off the parser").isNotNull();
            assertThat(streamed.request()).usingRecursiveComparison().isEqualTo(request);
        }
        assertThat(PROTOCOL.decodeRequest(operation, format, body, type).request()).usingRecursiveComparison()
                .isEqualTo(request);

        assertThat(bound).usingRecursiveComparison().isEqualTo(request);
        T direct = BINDER.tryBind(tree, type);
        assertThat(direct).as("bound without falling back to Jackson").isNotNull();
        assertThat(direct).usingRecursiveComparison().isEqualTo(MAPPERS.binder.treeToValue(tree, type));
    }

    @Provide
    Arbitrary<PutRecordsRequest> putRecords() {
        Arbitrary<PutRecordsRequestEntry> entry = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2048), hashKeys().injectNull(0.5), partitionKeys())
                .as(PutRecordsRequestEntry::new);
        return Combinators.combine(entry.list().ofMinSize(1).ofMaxSize(30), streamNames(),
                        streamNames().map(n -> "arn:aws:kinesis:us-east-1:123456789012:stream/" + n).injectNull(0.5),
                        Arbitraries.of(true, false).injectNull(0.7))
                .as(PutRecordsRequest::new);
    }

    @Provide
    Arbitrary<GetShardIteratorRequest> getShardIterator() {
        return Combinators.combine(streamNames(),
                Arbitraries.longs().between(0, 999_999_999_999L).map(n -> String.format("shardId-%012d", n)),
                Arbitraries.of(ShardIteratorType.class),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(60)).map(BigInteger::toString)
                        .injectNull(0.5),
                Arbitraries.longs().between(0, YEAR_2100_MS).map(Instant::ofEpochMilli).injectNull(0.2),
                Arbitraries.<String>just(null))
                .as(GetShardIteratorRequest::new);
    }

    @Provide
    Arbitrary<CreateStreamRequest> createStream() {
        StringArbitrary tagKey = Arbitraries.strings().alpha().numeric().withChars(" _.:/=+-@é").ofMinLength(1)
                .ofMaxLength(128);
        StringArbitrary tagValue = Arbitraries.strings().alpha().numeric().withChars(" _.:/=+-@ü").ofMaxLength(256);
        return Combinators.combine(streamNames(),
                Arbitraries.integers().between(1, 100_000).injectNull(0.3),
                Arbitraries.of(StreamMode.class).map(StreamModeDetails::new).injectNull(0.5),
                Arbitraries.maps(tagKey, tagValue).ofMinSize(1).ofMaxSize(50).injectNull(0.2))
                .as(CreateStreamRequest::new);
    }

    @Provide
    Arbitrary<GetRecordsResponse> getRecordsResponse() {
        Arbitrary<Record> record = Combinators.combine(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(56)).map(BigInteger::toString),
                Arbitraries.longs().between(-YEAR_2100_MS, YEAR_2100_MS).map(Instant::ofEpochMilli).injectNull(0.1),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(1024),
                partitionKeys(),
                Arbitraries.of("NONE", "KMS").injectNull(0.5))
                .as(Record::new);
        Arbitrary<ChildShard> child = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1),
                Arbitraries.strings().alpha().ofMinLength(1).list().ofMaxSize(2)).as(ChildShard::new);
        return Combinators.combine(record.list().ofMaxSize(20),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(512).injectNull(0.3),
                Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.3),
                child.list().ofMaxSize(2).injectNull(0.5))
                .as(GetRecordsResponse::new);
    }

    private static StringArbitrary streamNames() {
        return Arbitraries.strings().alpha().numeric().withChars("_.-").ofMinLength(1).ofMaxLength(128);
    }

    private static StringArbitrary partitionKeys() {
        return Arbitraries.strings().alpha().numeric().withChars(" -_/ä€漢").ofMinLength(1).ofMaxLength(256);
    }

    private static Arbitrary<String> hashKeys() {
        return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(128).subtract(BigInteger.ONE))
                .map(BigInteger::toString);
    }
}
