package io.millrace.protocol.eventstream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStreamFramingProperties {

    @Property(tries = 300)
    void everyMessageRoundTrips(@ForAll("messages") EventStreamMessage message) {
        assertThat(EventStreamDecoder.decode(EventStreamEncoder.encode(message))).isEqualTo(message);
    }

    @Property(tries = 300)
    void theLengthFieldsDescribeTheFrame(@ForAll("messages") EventStreamMessage message) {
        byte[] frame = EventStreamEncoder.encode(message);
        ByteBuffer prelude = ByteBuffer.wrap(frame);
        assertThat(prelude.getInt(EventStreamDescriptor.TOTAL_LENGTH_OFFSET)).isEqualTo(frame.length);
        int headersLength = prelude.getInt(EventStreamDescriptor.HEADERS_LENGTH_OFFSET);
        assertThat(EventStreamDescriptor.payloadLength(frame.length, headersLength))
                .isEqualTo(message.payload().length);
    }

    @Property(tries = 300)
    void flippingAnyBitIsDetected(@ForAll("messages") EventStreamMessage message,
                                  @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
                                  @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] frame = EventStreamEncoder.encode(message);
        frame[where % frame.length] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> EventStreamDecoder.decode(frame)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 100)
    void messagesSplitAnywhereComeOutWholeAndInOrder(@ForAll("messageLists") List<EventStreamMessage> messages,
                                                     @ForAll @IntRange(min = 1, max = 64) int chunkBytes) {
        ByteBuffer all = ByteBuffer.allocate(messages.stream().mapToInt(m -> EventStreamEncoder.encode(m).length)
                .sum());
        messages.forEach(m -> all.put(EventStreamEncoder.encode(m)));
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> decoded = new ArrayList<>();
        byte[] bytes = all.array();
        for (int from = 0; from < bytes.length; from += chunkBytes) {
            byte[] chunk = new byte[Math.min(chunkBytes, bytes.length - from)];
            System.arraycopy(bytes, from, chunk, 0, chunk.length);
            decoder.feed(chunk);
            decoder.poll().ifPresent(decoded::add);
            decoder.poll().ifPresent(decoded::add);
        }
        decoder.poll().ifPresent(decoded::add);
        assertThat(decoded).containsExactlyElementsOf(messages);
    }

    @Test
    void anEmptyMessageMatchesTheKnownFrameFromTheAwsTestSuite() {
        // The "empty message" vector of the AWS event-stream test suites: 16 bytes, two CRCs.
        byte[] frame = EventStreamEncoder.encode(new EventStreamMessage(Map.of(), new byte[0]));
        assertThat(HexFormat.of().formatHex(frame)).isEqualTo("000000100000000005c248eb7d98c8ff");
    }

    @Test
    void anInitialResponseCarriesTheKinesisHeaders() {
        EventStreamMessage sent = EventStreamMessage.event("initial-response", "application/x-amz-json-1.1",
                "{}".getBytes(StandardCharsets.UTF_8));
        EventStreamMessage received = EventStreamDecoder.decode(EventStreamEncoder.encode(sent));
        assertThat(received.header(EventStreamMessage.MESSAGE_TYPE)).isEqualTo("event");
        assertThat(received.header(EventStreamMessage.EVENT_TYPE)).isEqualTo("initial-response");
        assertThat(received.header(EventStreamMessage.CONTENT_TYPE)).isEqualTo("application/x-amz-json-1.1");
        assertThat(new String(received.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Provide
    Arbitrary<EventStreamMessage> messages() {
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(200)).ofMaxSize(6);
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        return Combinators.combine(headers, payloads).as(EventStreamMessage::new);
    }

    @Provide
    Arbitrary<List<EventStreamMessage>> messageLists() {
        return messages().list().ofMinSize(1).ofMaxSize(5);
    }
}
