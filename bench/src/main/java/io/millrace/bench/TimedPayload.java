package io.millrace.bench;

import java.nio.ByteBuffer;

/**
 * Payload of the consumer benchmark's records: a record id and the {@link System#nanoTime()} at which the record
 * was due to be sent, padded to the record size. Producer and consumers run in one JVM, so a consumer's own
 * {@code nanoTime()} minus the stamp is the put→receive latency, including any wait the producer itself imposed
 * (no coordinated omission).
 */
final class TimedPayload {
    static final int HEADER_BYTES = 16;

    private TimedPayload() {
    }

    static byte[] of(long id, long dueNanos, int size) {
        byte[] bytes = new byte[Math.max(size, HEADER_BYTES)];
        ByteBuffer.wrap(bytes).putLong(id).putLong(dueNanos);
        return bytes;
    }

    static long id(ByteBuffer data) {
        return data.getLong(data.position());
    }

    static long dueNanos(ByteBuffer data) {
        return data.getLong(data.position() + 8);
    }
}
