package io.millrace.protocol.eventstream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Frames {@link EventStreamMessage}s as {@link EventStreamDescriptor} lays them out. Stateless and thread-safe.
 */
public final class EventStreamEncoder {

    private EventStreamEncoder() {
    }

    /**
     * The bytes of one message.
     *
     * @throws IllegalArgumentException when the message exceeds the format's header or total size limits
     */
    public static byte[] encode(EventStreamMessage message) {
        List<byte[]> names = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        int headersLength = 0;
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            byte[] name = header.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = header.getValue().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            values.add(value);
            headersLength += 1 + name.length + 1 + 2 + value.length;
        }
        if (headersLength > EventStreamDescriptor.MAX_HEADERS_LENGTH) {
            throw new IllegalArgumentException("headers: " + headersLength + " bytes (expected: <= "
                    + EventStreamDescriptor.MAX_HEADERS_LENGTH + ")");
        }
        byte[] payload = message.payload();
        long total = (long) EventStreamDescriptor.MIN_MESSAGE_LENGTH + headersLength + payload.length;
        if (total > EventStreamDescriptor.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message: " + total + " bytes (expected: <= "
                    + EventStreamDescriptor.MAX_MESSAGE_LENGTH + ")");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        out.putInt((int) total).putInt(headersLength);
        out.putInt((int) crc(out.array(), 0, EventStreamDescriptor.PRELUDE_CRC_OFFSET));
        for (int i = 0; i < names.size(); i++) {
            out.put((byte) names.get(i).length).put(names.get(i));
            out.put(EventStreamDescriptor.TYPE_STRING).putShort((short) values.get(i).length).put(values.get(i));
        }
        out.put(payload);
        out.putInt((int) crc(out.array(), 0, out.position()));
        return out.array();
    }

    static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
