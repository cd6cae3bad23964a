package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.model.BlobShape;
import io.millrace.protocol.model.BooleanShape;
import io.millrace.protocol.model.DoubleShape;
import io.millrace.protocol.model.IntegerShape;
import io.millrace.protocol.model.ListShape;
import io.millrace.protocol.model.LongShape;
import io.millrace.protocol.model.MapShape;
import io.millrace.protocol.model.Member;
import io.millrace.protocol.model.ServiceModel;
import io.millrace.protocol.model.Shape;
import io.millrace.protocol.model.StringShape;
import io.millrace.protocol.model.StructureShape;
import io.millrace.protocol.model.TimestampShape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StreamingBinder} against the full path it shortcuts ({@link KinesisProtocol#decode} then
 * {@link KinesisProtocol#bind}), on bodies written from the service models for every operation of Kinesis and
 * Firehose, bound to the request records the server binds them to: members in any order, values that meet their
 * constraints or not, and, at a chosen rate, hostile values (wrong types, nulls, unknown and repeated members,
 * floats, words for booleans, numbers past a type's range, bad base64). Wherever the streaming binder answers, its
 * record and top-level strings must equal the full path's; and on every body the full path accepts that has nothing
 * to judge, it must answer, or it would be dead code. It lives with the server's tests because the request records
 * do.
 */
class StreamingBinderProperties {
    private static final KinesisProtocol KINESIS = KinesisProtocol.kinesis();
    private static final KinesisProtocol FIREHOSE = KinesisProtocol.of(ServiceModel.firehose());
    private static final WireMappers MAPPERS = new WireMappers();
    private static final StreamingBinder BINDER = new StreamingBinder();
    private static final int MAX_DEPTH = 6;

    @Property(tries = 400)
    void answersOnlyWhatTheFullPathAnswersTheSame(@ForAll("operations") String operation, @ForAll WireFormat format,
                                                  @ForAll long seed,
                                                  @ForAll @DoubleRange(min = 0, max = 0.3) double hostility)
            throws Exception {
        BodyWriter writer = new BodyWriter(new Random(seed), hostility, format);
        byte[] body = writer.write(inputOf(operation));

        DecodedRequest<?> streamed = streamed(operation, body, format);

        Object full = fullPath(operation, body, format);
        if (streamed != null) {
            assertThat(full).as("the full path's answer").isInstanceOf(DecodedRequest.class);
            assertSame(streamed, (DecodedRequest<?>) full);
        }
    }

    @Property(tries = 300)
    void answersEveryValidBodyOfExactValues(@ForAll("operations") String operation, @ForAll WireFormat format,
                                            @ForAll long seed) throws Exception {
        BodyWriter writer = new BodyWriter(new Random(seed), 0, format);
        byte[] body = writer.write(inputOf(operation));

        DecodedRequest<?> streamed = streamed(operation, body, format);

        Object full = fullPath(operation, body, format);
        boolean typed = bindsOnlyTypedValues(requestTypeOf(operation), new HashSet<>());
        Statistics.label("valid bodies of exact values").collect(writer.onlyExactValues
                && full instanceof DecodedRequest<?> && typed);
        Statistics.label("valid bodies of exact values").coverage(coverage -> coverage.check(true)
                .percentage(percent -> percent >= 25)); // else the assertion below is too rarely reached
        if (writer.onlyExactValues && full instanceof DecodedRequest<?> accepted && typed) {
            assertThat(streamed).as("a valid body with nothing to judge is decoded in one pass").isNotNull();
            assertSame(streamed, accepted);
        }
    }

    /** The body the load generator and the AWS SDKs send most: both formats stream it, as the full path binds it. */
    @Example
    void putRecordsOfFiveHundredEntriesIsDecodedInOnePass() throws Exception {
        for (WireFormat format : WireFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator gen = MAPPERS.factory(format).createGenerator(out)) {
                gen.writeStartObject();
                gen.writeFieldName("Records");
                gen.writeStartArray();
                for (int i = 0; i < 500; i++) {
                    gen.writeStartObject();
                    gen.writeFieldName("Data");
                    gen.writeBinary(new byte[] {(byte) i, 2, 3});
                    gen.writeStringField("PartitionKey", "key-" + i);
                    if (i % 7 == 0) {
                        gen.writeStringField("ExplicitHashKey", String.valueOf(i * 1000L + 1));
                    }
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeStringField("StreamName", "orders");
                gen.writeEndObject();
            }
            DecodedRequest<?> streamed = streamed("kinesis:PutRecords", out.toByteArray(), format);

            assertThat(streamed).as(format.name()).isNotNull();
            assertSame(streamed, (DecodedRequest<?>) fullPath("kinesis:PutRecords", out.toByteArray(), format));
            assertThat(streamed.strings()).containsExactly(java.util.Map.entry("StreamName", "orders"));
        }
    }

    /** Past each bound of a PutRecords body, the full path words the ValidationException: nothing is streamed. */
    @Example
    void leavesEveryBoundOfPutRecordsToTheFullPath() throws Exception {
        for (WireFormat format : WireFormat.values()) {
            List<byte[]> bodies = List.of(
                    putRecords(format, 1, 10 * 1024 * 1024 + 1, "key", null),
                    putRecords(format, 501, 1, "key", null),
                    putRecords(format, 0, 1, "key", null),
                    putRecords(format, 1, 1, "k".repeat(257), null),
                    putRecords(format, 1, 1, "", null),
                    putRecords(format, 1, 1, "key", "01"));
            for (byte[] body : bodies) {
                assertThat(streamed("kinesis:PutRecords", body, format)).isNull();
                assertThat(fullPath("kinesis:PutRecords", body, format)).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error().type()).isEqualTo("ValidationException"));
            }
            assertThat(streamed("kinesis:PutRecords", putRecords(format, 500, 10 * 1024 * 1024, "k".repeat(256),
                    "340282366920938463463374607431768211455"), format)).as("at every bound").isNotNull();
        }
    }

    private static byte[] putRecords(WireFormat format, int count, int dataBytes, String partitionKey,
                                     String explicitHashKey) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = new byte[dataBytes];
        try (JsonGenerator gen = MAPPERS.factory(format).createGenerator(out)) {
            gen.writeStartObject();
            gen.writeFieldName("Records");
            gen.writeStartArray();
            for (int i = 0; i < count; i++) {
                gen.writeStartObject();
                gen.writeFieldName("Data");
                gen.writeBinary(i == 0 ? data : new byte[] {1});
                gen.writeStringField("PartitionKey", partitionKey);
                if (explicitHashKey != null) {
                    gen.writeStringField("ExplicitHashKey", explicitHashKey);
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeStringField("StreamName", "orders");
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    /** A member bound to a JSON tree is the full path's to normalise (nulls dropped, members in model order). */
    @Example
    void leavesARequestWithAJsonTreeMemberToTheFullPath() throws Exception {
        byte[] body = ("{\"DeliveryStreamName\":\"d1\",\"CurrentDeliveryStreamVersionId\":\"1\","
                + "\"DestinationId\":\"destinationId-000000000001\",\"AmazonOpenSearchServerlessDestinationUpdate\":"
                + "{\"CloudWatchLoggingOptions\":{\"Enabled\":false,\"LogGroupName\":null}}}").getBytes();

        assertThat(streamed("firehose:UpdateDestination", body, WireFormat.JSON)).isNull();
        assertThat(fullPath("firehose:UpdateDestination", body, WireFormat.JSON))
                .isInstanceOf(DecodedRequest.class);
    }

    /** JSON timestamps are seconds: a value whose millis do not fit a long is the full path's to clamp. */
    @Example
    void jsonTimestampsAtTheEdgesOfALongMatchTheFullPath() throws Exception {
        for (long seconds : new long[]{Long.MIN_VALUE, Long.MIN_VALUE / 1000, -Long.MAX_VALUE / 1000 + 1, -1, 0,
                Long.MAX_VALUE / 1000 - 1, Long.MAX_VALUE / 1000, Long.MAX_VALUE}) {
            byte[] body = ("{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\","
                    + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":" + seconds + "}").getBytes();

            DecodedRequest<?> streamed = streamed("kinesis:GetShardIterator", body, WireFormat.JSON);

            Object full = fullPath("kinesis:GetShardIterator", body, WireFormat.JSON);
            if (streamed != null) {
                assertSame(streamed, (DecodedRequest<?>) full);
            }
            if (seconds >= -1 && seconds <= 1) {
                assertThat(streamed).as("timestamp %d s", seconds).isNotNull();
            }
        }
    }

    @Provide
    Arbitrary<String> operations() {
        List<String> names = new ArrayList<>();
        KINESIS.model().operationNames().forEach(name -> names.add("kinesis:" + name));
        FIREHOSE.model().operationNames().forEach(name -> names.add("firehose:" + name));
        Collections.sort(names);
        return Arbitraries.of(names);
    }

    /**
     * Whether every member of {@code type}, at any depth, binds to a typed value. A member bound to a JSON tree (the
     * Firehose destination configurations) takes the full path's normalised tree, which the streaming binder does not
     * build: it leaves such requests to the full path, as it says, and they are control-plane calls.
     */
    private static boolean bindsOnlyTypedValues(java.lang.reflect.Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            for (java.lang.reflect.Type argument : parameterized.getActualTypeArguments()) {
                if (!bindsOnlyTypedValues(argument, seen)) {
                    return false;
                }
            }
            return bindsOnlyTypedValues(parameterized.getRawType(), seen);
        }
        if (!(type instanceof Class<?> raw) || JsonNode.class.isAssignableFrom(raw)) {
            return false; // a JSON tree, or a type the binder has no reader for
        }
        if (raw.isRecord() && seen.add(raw)) {
            for (RecordComponent component : raw.getRecordComponents()) {
                if (!bindsOnlyTypedValues(component.getGenericType(), seen)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void assertSame(DecodedRequest<?> streamed, DecodedRequest<?> full) {
        assertThat(streamed.request()).usingRecursiveComparison().isEqualTo(full.request());
        assertThat(streamed.strings()).isEqualTo(full.strings());
    }

    private static KinesisProtocol protocolOf(String qualified) {
        return qualified.startsWith("kinesis:") ? KINESIS : FIREHOSE;
    }

    private static String nameOf(String qualified) {
        return qualified.substring(qualified.indexOf(':') + 1);
    }

    private static StructureShape inputOf(String qualified) {
        return protocolOf(qualified).model().operation(nameOf(qualified)).input();
    }

    /** The request record the server binds the operation to (the naming every operation follows). */
    private static Class<?> requestTypeOf(String qualified) throws ClassNotFoundException {
        String packageName = qualified.startsWith("kinesis:") ? "io.millrace.streams.op" : "io.millrace.firehose.op";
        return Class.forName(packageName + "." + nameOf(qualified) + "Request");
    }

    private static DecodedRequest<?> streamed(String operation, byte[] body, WireFormat format) throws Exception {
        return BINDER.tryDecode(inputOf(operation), requestTypeOf(operation),
                MAPPERS.factory(format).createParser(body), format);
    }

    /** The decoded request, or the exception, the full path gives for {@code body}. */
    private static Object fullPath(String operation, byte[] body, WireFormat format) throws Exception {
        KinesisProtocol protocol = protocolOf(operation);
        try {
            JsonNode tree = protocol.decode(nameOf(operation), format, body);
            return new DecodedRequest<>(protocol.bind(tree, requestTypeOf(operation)),
                    KinesisProtocol.topLevelStrings(tree));
        } catch (ApiException e) {
            return e;
        }
    }

    /** Writes a random body for a shape; {@link #onlyExactValues} says whether all it wrote needs no judgement. */
    private static final class BodyWriter {
        private static final String[] UNKNOWN_NAMES = {"Zebra", "streamName", "Records2", "X"};
        /** Texts that meet the patterns of the two models. */
        private static final List<String> FITTING = List.of("0", "12345", "orders",
                "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
                "arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/c1:1700000000",
                "abcdefghij0123456789-abc", "arn:aws:firehose:us-east-1:123456789012:deliverystream/d1",
                "arn:aws:iam::123456789012:role/r1", "arn:aws:s3:::bucket", "arn:aws:kms:us-east-1:123456789012:key/k1",
                "https://example.com", "s3://bucket/x", "arn:aws:secretsmanager:us-east-1:123456789012:secret:s1",
                "arn:aws:glue:us-east-1:123456789012:catalog", "QUJD");

        private final Random random;
        private final double hostility;
        private final WireFormat format;
        boolean onlyExactValues = true;

        BodyWriter(Random random, double hostility, WireFormat format) {
            this.random = random;
            this.hostility = hostility;
            this.format = format;
        }

        byte[] write(StructureShape shape) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator gen = MAPPERS.factory(format).createGenerator(out)) {
                structure(gen, shape, 0);
            }
            if (hostile()) {
                out.write(format == WireFormat.CBOR ? new byte[]{(byte) 0xa0} : "{}".getBytes()); // trailing content
            }
            return out.toByteArray();
        }

        private boolean hostile() {
            return random.nextDouble() < hostility;
        }

        private void structure(JsonGenerator gen, StructureShape shape, int depth) throws IOException {
            gen.writeStartObject();
            List<Member> members = new ArrayList<>(shape.members());
            Collections.shuffle(members, random);
            for (Member member : members) {
                if (random.nextDouble() < (member.required() ? 0.9 : 0.5)) {
                    gen.writeFieldName(member.name());
                    value(gen, member.shape(), depth + 1);
                    if (hostile()) {
                        gen.writeFieldName(member.name()); // the same member twice
                        value(gen, member.shape(), depth + 1);
                    }
                }
                if (hostile()) {
                    gen.writeFieldName(UNKNOWN_NAMES[random.nextInt(UNKNOWN_NAMES.length)]);
                    hostileValue(gen);
                }
            }
            gen.writeEndObject();
        }

        private void value(JsonGenerator gen, Shape shape, int depth) throws IOException {
            if (depth > MAX_DEPTH || random.nextDouble() < 0.05) {
                gen.writeNull();
                return;
            }
            if (hostile()) {
                hostileValue(gen);
                return;
            }
            if (shape instanceof StructureShape structure) {
                structure(gen, structure, depth);
            } else if (shape instanceof ListShape list) {
                int size = size(list.length().min());
                gen.writeStartArray();
                for (int i = 0; i < size; i++) {
                    value(gen, list.member(), depth + 1);
                }
                gen.writeEndArray();
            } else if (shape instanceof MapShape map) {
                int size = size(map.length().min());
                gen.writeStartObject();
                for (int i = 0; i < size; i++) {
                    gen.writeFieldName("key" + (hostility > 0 ? random.nextInt(3) : i)); // repeats only when hostile
                    value(gen, map.value(), depth + 1);
                }
                gen.writeEndObject();
            } else if (shape instanceof StringShape string) {
                List<String> enumValues = string.enumValues();
                String text = enumValues.isEmpty() || random.nextBoolean()
                        ? "s" + random.nextInt(1000) : enumValues.get(random.nextInt(enumValues.size()));
                gen.writeString(random.nextDouble() < 0.8 ? fitting(string, text) : text);
            } else if (shape instanceof IntegerShape integer) {
                long min = Math.max(integer.range().min(), -1000);
                long max = Math.min(integer.range().max(), 1000);
                gen.writeNumber(random.nextDouble() < 0.8 && min <= max
                        ? min + random.nextInt((int) (max - min + 1)) : random.nextInt(2001) - 1000);
            } else if (shape instanceof LongShape) {
                gen.writeNumber(random.nextBoolean() ? random.nextInt(100) : random.nextLong());
            } else if (shape instanceof DoubleShape) {
                gen.writeNumber(random.nextDouble() * 100);
                onlyExactValues = false;
            } else if (shape instanceof BooleanShape) {
                gen.writeBoolean(random.nextBoolean());
            } else if (shape instanceof BlobShape) {
                byte[] bytes = new byte[random.nextInt(40)];
                random.nextBytes(bytes);
                if (format == WireFormat.CBOR && random.nextBoolean()) {
                    gen.writeBinary(bytes);
                } else {
                    gen.writeString(Base64.getEncoder().encodeToString(bytes));
                }
            } else if (shape instanceof TimestampShape) {
                timestamp(gen);
            } else {
                throw new IllegalStateException("unhandled shape " + shape);
            }
        }

        /** Mostly the smallest size the shape allows, or a little more; sometimes anything from 0 to 3. */
        private int size(long min) {
            return random.nextDouble() < 0.8 ? (int) Math.min(min, 3) + random.nextInt(2) : random.nextInt(4);
        }

        /** {@code text}, or a text that meets the shape's pattern and lengths when one is at hand. */
        private static String fitting(StringShape shape, String text) {
            if (ElementRules.accepts(shape, text)) {
                return text;
            }
            for (String candidate : FITTING) {
                if (ElementRules.accepts(shape, candidate)) {
                    return candidate;
                }
            }
            String padded = text.repeat((int) Math.min(shape.length().min(), 64) / text.length() + 1);
            return ElementRules.accepts(shape, padded) ? padded : text;
        }

        private void timestamp(JsonGenerator gen) throws IOException {
            long millis = 1_700_000_000_000L + random.nextInt(1_000_000_000);
            if (format == WireFormat.CBOR) {
                ((CBORGenerator) gen).writeTag(1);
                gen.writeNumber(millis);
            } else if (random.nextBoolean()) {
                gen.writeNumber(millis / 1000);
            } else {
                gen.writeNumber(millis / 1000.0); // the AWS SDKs' JSON form: fractional seconds
                onlyExactValues = false;
            }
        }

        private void hostileValue(JsonGenerator gen) throws IOException {
            switch (random.nextInt(12)) {
                case 0 -> gen.writeNull();
                case 1 -> gen.writeString("word");
                case 2 -> gen.writeString(random.nextBoolean() ? "true" : "No");
                case 3 -> gen.writeNumber(random.nextInt());
                case 4 -> gen.writeNumber(BigInteger.TWO.pow(70).negate());
                case 5 -> gen.writeNumber(random.nextBoolean() ? 1L << 40 : Long.MIN_VALUE);
                case 6 -> gen.writeNumber(-2.5);
                case 7 -> gen.writeBoolean(true);
                case 8 -> {
                    gen.writeStartObject();
                    gen.writeFieldName("Inner");
                    gen.writeStartArray();
                    gen.writeNumber(1);
                    gen.writeEndArray();
                    gen.writeEndObject();
                }
                case 9 -> {
                    gen.writeStartArray();
                    gen.writeString("x");
                    gen.writeNull();
                    gen.writeEndArray();
                }
                case 10 -> gen.writeString("QUJD RA=="); // not base64 as AWS reads it
                default -> gen.writeBinary(new byte[]{1, 2, 3});
            }
        }
    }
}
