package io.millrace.log.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Scans a segment's batches on open to rebuild its {@link SparseIndex} and find where the valid batches end,
 * when no trusted {@link IndexFile} covers them. Sealed segments are scanned by header only (payloads are
 * skipped); the newest segment's tail is verified batch by batch (sane length, continuous positions,
 * non-decreasing arrival, CRC32C, record framing) because only it can be torn by a crash.
 *
 * <p>Thread safety: stateless; runs while the log is being opened, before anything else can see it.
 */
final class LogRecovery {

    /** Where the valid batches of a segment end. */
    record ScanResult(long validBytes, long endPosition, long lastArrivalMs) {
    }

    private LogRecovery() {
    }

    /**
     * Scans batches from {@code startOffset} (where the batch with {@code startPosition} begins) up to
     * {@code fileBytes}, stopping at the first batch that is incomplete or invalid, and feeds every valid batch
     * to {@code index}.
     */
    static ScanResult scan(FileChannel channel, long fileBytes, long startOffset, long startPosition,
                           long previousArrivalMs, boolean verifyPayloads, SparseIndex index) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(BatchDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer body = ByteBuffer.allocate(0);
        CRC32C crc = new CRC32C();
        long offset = startOffset;
        long position = startPosition;
        long lastArrivalMs = previousArrivalMs;
        while (offset + BatchDescriptor.HEADER_LENGTH <= fileBytes) {
            header.clear();
            if (readFully(channel, header, offset) < BatchDescriptor.HEADER_LENGTH) {
                break;
            }
            int length = header.getInt(BatchDescriptor.LENGTH_OFFSET);
            int count = header.getInt(BatchDescriptor.RECORD_COUNT_OFFSET);
            long arrivalMs = header.getLong(BatchDescriptor.ARRIVAL_MS_OFFSET);
            boolean plausible = BatchDescriptor.isSane(header)
                    && offset + length <= fileBytes
                    && header.getLong(BatchDescriptor.BASE_POSITION_OFFSET) == position
                    && arrivalMs >= lastArrivalMs;
            if (!plausible) {
                break;
            }
            if (verifyPayloads) {
                if (body.capacity() < length) {
                    body = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
                }
                body.clear().limit(length);
                if (readFully(channel, body, offset) < length || !isIntact(body, length, count, crc)) {
                    break;
                }
            }
            index.onBatch(position, offset, arrivalMs);
            position += count;
            lastArrivalMs = arrivalMs;
            offset += length;
        }
        return new ScanResult(offset, position, lastArrivalMs);
    }

    /**
     * CRC32C matches and the records exactly fill the batch. The framing of an encrypted batch's records is
     * ciphertext, checked by its GCM tag when it is read; here only its CRC can be.
     */
    static boolean isIntact(ByteBuffer batch, int length, int count, CRC32C crc) {
        crc.reset();
        crc.update(batch.duplicate().position(BatchDescriptor.CRC_COVERAGE_OFFSET).limit(length));
        if ((int) crc.getValue() != batch.getInt(BatchDescriptor.CRC_OFFSET)) {
            return false;
        }
        if (BatchDescriptor.isEncrypted(batch)) {
            return true;
        }
        long at = BatchDescriptor.HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            for (int field = 0; field < 2; field++) {
                if (at + 4 > length) {
                    return false;
                }
                int fieldLength = batch.getInt((int) at);
                if (fieldLength < 0) {
                    return false;
                }
                at += 4L + fieldLength;
            }
        }
        return at == length;
    }

    /** Reads until {@code dst} is full or the file ends; returns the bytes read. */
    static int readFully(FileChannel channel, ByteBuffer dst, long offset) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, offset + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
