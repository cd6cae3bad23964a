package io.millrace.log.local;

import io.millrace.log.LogRecord;
import io.millrace.log.crypto.MasterKey;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Serialises one append into a single {@link BatchDescriptor} batch so it can be written with one call.
 * Reuses its buffer and checksum across batches and encodes partition keys without allocating.
 *
 * <p>Thread safety: not thread-safe; each appending thread has its own (see {@link SegmentedShardLog}).
 */
final class BatchEncoder {
    private static final int INITIAL_CAPACITY = 64 * 1024;
    /** Buffers grown past this are dropped after use so one huge batch does not pin memory forever. */
    private static final int RETAINED_CAPACITY = 8 * 1024 * 1024;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * Encodes {@code records} as one plaintext batch; the returned buffer is valid until the next call.
     *
     * @throws IllegalArgumentException if the batch would exceed {@link BatchDescriptor#MAX_BATCH_LENGTH}
     */
    ByteBuffer encode(List<LogRecord> records, long basePosition, long arrivalMs) {
        return encode(records, basePosition, arrivalMs, null, null);
    }

    /**
     * Encodes {@code records} as one batch, encrypted with {@code key} by {@code cipher} unless {@code key} is null;
     * the returned buffer is valid until the next call.
     *
     * @throws IllegalArgumentException if the batch would exceed {@link BatchDescriptor#MAX_BATCH_LENGTH}
     */
    ByteBuffer encode(List<LogRecord> records, long basePosition, long arrivalMs, MasterKey key, BatchCipher cipher) {
        boolean encrypted = key != null;
        long plaintextLength = 0;
        for (LogRecord record : records) {
            plaintextLength += BatchDescriptor.RECORD_OVERHEAD + LogRecord.utf8Length(record.partitionKey())
                    + record.data().length;
        }
        long length = plaintextLength + (encrypted
                ? BatchDescriptor.ENCRYPTED_HEADER_LENGTH + BatchDescriptor.TAG_LENGTH : BatchDescriptor.HEADER_LENGTH);
        if (length > BatchDescriptor.MAX_BATCH_LENGTH) {
            throw new IllegalArgumentException("batch length: " + length
                    + " (expected: <= " + BatchDescriptor.MAX_BATCH_LENGTH + ")");
        }
        ByteBuffer out = bufferFor((int) length);
        out.putInt((int) length).putInt(0)
                .put(encrypted ? BatchDescriptor.ENCRYPTED_FORMAT_VERSION : BatchDescriptor.FORMAT_VERSION)
                .put(encrypted ? BatchDescriptor.FLAG_ENCRYPTED : 0).putShort((short) 0)
                .putInt(records.size()).putLong(basePosition).putLong(arrivalMs);
        if (encrypted) {
            out.position(BatchDescriptor.ENCRYPTED_HEADER_LENGTH);
        }
        for (LogRecord record : records) {
            String partitionKey = record.partitionKey();
            out.putInt(LogRecord.utf8Length(partitionKey));
            putUtf8(out, partitionKey);
            out.putInt(record.data().length).put(record.data());
        }
        if (encrypted) {
            cipher.seal(out, key, (int) plaintextLength);
        }
        out.limit((int) length).position(0);
        crc.reset();
        crc.update(out.duplicate().position(BatchDescriptor.CRC_COVERAGE_OFFSET));
        out.putInt(BatchDescriptor.CRC_OFFSET, (int) crc.getValue());
        return out;
    }

    /** Drops an oversized buffer once the batch that needed it has been written. */
    void release() {
        if (buffer.capacity() > RETAINED_CAPACITY) {
            buffer = ByteBuffer.allocate(INITIAL_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private ByteBuffer bufferFor(int length) {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate(Math.max(length, buffer.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        return buffer;
    }

    private static void putUtf8(ByteBuffer out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18))).put((byte) (0x80 | ((cp >> 12) & 0x3F)))
                        .put((byte) (0x80 | ((cp >> 6) & 0x3F))).put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                out.put((byte) '?');
            } else {
                out.put((byte) (0xE0 | (c >> 12))).put((byte) (0x80 | ((c >> 6) & 0x3F)))
                        .put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }
}
