package io.millrace.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import net.jqwik.api.constraints.DoubleRange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StreamingTypeChecker} against the tree path it shortcuts, on bodies written from the service models: every
 * operation of Kinesis and Firehose, members in any order, and, at a chosen rate, hostile values (wrong types,
 * nulls, unknown and repeated members, floats, words for booleans, numbers past a type's range, bad base64).
 * Wherever the streaming checker answers, its tree must equal the tree path's, member order included; and on bodies
 * with nothing for the tree path to judge it must answer, or it would be dead code.
 */
class StreamingTypeCheckProperties {
    private static final ServiceModel KINESIS = ServiceModel.kinesis();
    private static final ServiceModel FIREHOSE = ServiceModel.firehose();
    private static final WireMappers MAPPERS = new WireMappers();
    private static final int MAX_DEPTH = 6;

    @Property(tries = 400)
    void answersOnlyWhatTheTreePathAnswersTheSame(@ForAll("operations") String operation, @ForAll WireFormat format,
                                                  @ForAll long seed,
                                                  @ForAll @DoubleRange(min = 0, max = 0.3) double hostility)
            throws IOException {
        StructureShape input = inputOf(operation);
        BodyWriter writer = new BodyWriter(new Random(seed), hostility, format);
        byte[] body = writer.write(input);

        ObjectNode streamed = StreamingTypeChecker.tryCheck(input, MAPPERS.factory(format).createParser(body), format);

        Object tree = treePath(input, body, format);
        if (streamed != null) {
            assertThat(tree).as("the tree path's answer").isInstanceOf(ObjectNode.class);
            assertThat(streamed).isEqualTo(tree);
            assertThat(streamed.toString()).as("member order").isEqualTo(tree.toString());
        }
    }

    @Property(tries = 100)
    void answersWellTypedBodies(@ForAll("operations") String operation, @ForAll WireFormat format,
                                @ForAll long seed) throws IOException {
        StructureShape input = inputOf(operation);
        BodyWriter writer = new BodyWriter(new Random(seed), 0, format);
        byte[] body = writer.write(input);

        ObjectNode streamed = StreamingTypeChecker.tryCheck(input, MAPPERS.factory(format).createParser(body), format);

        if (writer.onlyExactValues) {
            assertThat(streamed).as("a body with nothing to judge is answered without the tree")
                    .isNotNull().isEqualTo(treePath(input, body, format));
        }
    }

    /** JSON timestamps are seconds: a value whose millis do not fit a long is the tree path's to clamp. */
    @Example
    void jsonTimestampsAtTheEdgesOfALongMatchTheTreePath() throws IOException {
        StructureShape input = inputOf("kinesis:GetShardIterator");
        for (long seconds : new long[]{Long.MIN_VALUE, Long.MIN_VALUE / 1000, -Long.MAX_VALUE / 1000 + 1, -1, 0,
                Long.MAX_VALUE / 1000 - 1, Long.MAX_VALUE / 1000, Long.MAX_VALUE}) {
            byte[] body = ("{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\","
                    + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":" + seconds + "}").getBytes();

            ObjectNode streamed = StreamingTypeChecker.tryCheck(input,
                    MAPPERS.factory(WireFormat.JSON).createParser(body), WireFormat.JSON);

            if (streamed != null) {
                assertThat(streamed).as("timestamp %d s", seconds).isEqualTo(treePath(input, body, WireFormat.JSON));
            }
            if (seconds >= -1 && seconds <= 1) {
                assertThat(streamed).as("timestamp %d s", seconds).isNotNull();
            }
        }
    }

    @Provide
    Arbitrary<String> operations() {
        List<String> names = new ArrayList<>();
        KINESIS.operationNames().forEach(name -> names.add("kinesis:" + name));
        FIREHOSE.operationNames().forEach(name -> names.add("firehose:" + name));
        Collections.sort(names);
        return Arbitraries.of(names);
    }

    private static StructureShape inputOf(String qualified) {
        String name = qualified.substring(qualified.indexOf(':') + 1);
        return (qualified.startsWith("kinesis:") ? KINESIS : FIREHOSE).operation(name).input();
    }

    /** The normalised tree, or the exception, the tree path gives for {@code body}. */
    private static Object treePath(StructureShape input, byte[] body, WireFormat format) {
        try {
            JsonNode parsed = MAPPERS.treeReader(format).readTree(body);
            if (!(parsed instanceof ObjectNode object)) {
                return "not an object";
            }
            return RequestTypeChecker.check(input, object, format);
        } catch (IOException | ApiException e) {
            return e;
        }
    }

    /** Writes a random body for a shape; {@link #onlyExactValues} says whether all it wrote needs no judgement. */
    private static final class BodyWriter {
        private static final String[] UNKNOWN_NAMES = {"Zebra", "streamName", "Records2", "X"};

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
                int size = random.nextInt(4);
                gen.writeStartArray();
                for (int i = 0; i < size; i++) {
                    value(gen, list.member(), depth + 1);
                }
                gen.writeEndArray();
            } else if (shape instanceof MapShape map) {
                int size = random.nextInt(4);
                gen.writeStartObject();
                for (int i = 0; i < size; i++) {
                    gen.writeFieldName("key" + (hostility > 0 ? random.nextInt(3) : i)); // repeats only when hostile
                    value(gen, map.value(), depth + 1);
                }
                gen.writeEndObject();
            } else if (shape instanceof StringShape string) {
                List<String> enumValues = string.enumValues();
                gen.writeString(enumValues.isEmpty() || random.nextBoolean()
                        ? "s" + random.nextInt(1000) : enumValues.get(random.nextInt(enumValues.size())));
            } else if (shape instanceof IntegerShape) {
                gen.writeNumber(random.nextInt(2001) - 1000);
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
