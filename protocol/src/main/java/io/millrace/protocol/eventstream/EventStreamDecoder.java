package io.millrace.protocol.eventstream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses event-stream messages from a byte stream, checking both CRCs; what tests use to read what the server
 * sends. Feed bytes as they arrive with {@link #feed} and take whole messages with {@link #poll}. Not thread-safe:
 * one decoder per stream, used by one thread at a time.
 */
public final class EventStreamDecoder {
    private byte[] buffer = new byte[0];

    /** Parses exactly one complete message. */
    public static EventStreamMessage decode(byte[] message) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        decoder.feed(message);
        EventStreamMessage decoded = decoder.poll()
                .orElseThrow(() -> new IllegalArgumentException("message: truncated"));
        if (decoder.buffer.length != 0) {
            throw new IllegalArgumentException("message: " + decoder.buffer.length + " trailing bytes");
        }
        return decoded;
    }

    /** Appends received bytes. */
    public void feed(byte[] bytes) {
        byte[] joined = new byte[buffer.length + bytes.length];
        System.arraycopy(buffer, 0, joined, 0, buffer.length);
        System.arraycopy(bytes, 0, joined, buffer.length, bytes.length);
        buffer = joined;
    }

    /**
     * The next complete message, or empty while more bytes are needed.
     *
     * @throws IllegalArgumentException when a CRC does not match or a length is impossible
     */
    public Optional<EventStreamMessage> poll() {
        if (buffer.length < EventStreamDescriptor.PRELUDE_LENGTH) {
            return Optional.empty();
        }
        ByteBuffer prelude = ByteBuffer.wrap(buffer);
        int total = prelude.getInt(EventStreamDescriptor.TOTAL_LENGTH_OFFSET);
        int headersLength = prelude.getInt(EventStreamDescriptor.HEADERS_LENGTH_OFFSET);
        long preludeCrc = Integer.toUnsignedLong(prelude.getInt(EventStreamDescriptor.PRELUDE_CRC_OFFSET));
        if (preludeCrc != EventStreamEncoder.crc(buffer, 0, EventStreamDescriptor.PRELUDE_CRC_OFFSET)) {
            throw new IllegalArgumentException("prelude CRC mismatch");
        }
        if (total < EventStreamDescriptor.MIN_MESSAGE_LENGTH || total > EventStreamDescriptor.MAX_MESSAGE_LENGTH
                || headersLength < 0 || EventStreamDescriptor.payloadLength(total, headersLength) < 0) {
            throw new IllegalArgumentException("lengths: total " + total + ", headers " + headersLength);
        }
        if (buffer.length < total) {
            return Optional.empty();
        }
        int crcOffset = EventStreamDescriptor.messageCrcOffset(total);
        long messageCrc = Integer.toUnsignedLong(prelude.getInt(crcOffset));
        if (messageCrc != EventStreamEncoder.crc(buffer, 0, crcOffset)) {
            throw new IllegalArgumentException("message CRC mismatch");
        }
        Map<String, String> headers;
        try {
            headers = headers(ByteBuffer.wrap(buffer, EventStreamDescriptor.PRELUDE_LENGTH, headersLength).slice());
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("headers: truncated", e);
        }
        byte[] payload = new byte[EventStreamDescriptor.payloadLength(total, headersLength)];
        System.arraycopy(buffer, EventStreamDescriptor.PRELUDE_LENGTH + headersLength, payload, 0, payload.length);
        byte[] rest = new byte[buffer.length - total];
        System.arraycopy(buffer, total, rest, 0, rest.length);
        buffer = rest;
        return Optional.of(new EventStreamMessage(headers, payload));
    }

    private static Map<String, String> headers(ByteBuffer in) {
        Map<String, String> headers = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            byte[] name = new byte[Byte.toUnsignedInt(in.get())];
            in.get(name);
            byte type = in.get();
            if (type != EventStreamDescriptor.TYPE_STRING) {
                throw new IllegalArgumentException("header type: " + type + " (expected: 7, string)");
            }
            byte[] value = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(value);
            headers.put(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
        }
        return headers;
    }
}
