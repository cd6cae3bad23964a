package io.millrace.log.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes and reads a segment's persisted sparse index ({@link IndexFileDescriptor}), the checkpoint that lets
 * a restart skip scanning segments.
 *
 * <p>Thread safety: stateless; the caller owns the files (the log's append lock or its open).
 */
final class IndexFile {

    /** What a trusted index file says about the first {@code segmentBytes} of its segment. */
    record Checkpoint(SparseIndex index, long segmentBytes, long endPosition, long lastArrivalMs) {
    }

    private IndexFile() {
    }

    static Path pathFor(Path segmentFile, long basePosition) {
        return segmentFile.resolveSibling(IndexFileDescriptor.fileName(basePosition));
    }

    /** Whether a segment of this size and record count can be described with 32-bit relative fields. */
    static boolean canDescribe(long basePosition, long segmentBytes, long endPosition) {
        return segmentBytes <= Integer.MAX_VALUE && endPosition - basePosition <= Integer.MAX_VALUE;
    }

    /**
     * Writes the index of the first {@code segmentBytes} of a segment, replacing any older one. The caller must
     * have forced those segment bytes when durability matters; the index itself need not be forced, since a
     * torn or lost index is detected by its CRC and rebuilt.
     */
    static void write(Path file, long basePosition, long segmentBytes, long endPosition, long lastArrivalMs,
                      List<SparseIndex.Entry> entries) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(IndexFileDescriptor.HEADER_LENGTH
                + entries.size() * IndexFileDescriptor.ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(IndexFileDescriptor.MAGIC_OFFSET, IndexFileDescriptor.MAGIC);
        buffer.putShort(IndexFileDescriptor.VERSION_OFFSET, IndexFileDescriptor.FORMAT_VERSION);
        buffer.putInt(IndexFileDescriptor.ENTRY_COUNT_OFFSET, entries.size());
        buffer.putLong(IndexFileDescriptor.BASE_POSITION_OFFSET, basePosition);
        buffer.putLong(IndexFileDescriptor.SEGMENT_BYTES_OFFSET, segmentBytes);
        buffer.putLong(IndexFileDescriptor.END_POSITION_OFFSET, endPosition);
        buffer.putLong(IndexFileDescriptor.LAST_ARRIVAL_MS_OFFSET, lastArrivalMs);
        int at = IndexFileDescriptor.HEADER_LENGTH;
        for (SparseIndex.Entry entry : entries) {
            buffer.putInt(at + IndexFileDescriptor.ENTRY_RELATIVE_POSITION_OFFSET,
                    (int) (entry.position() - basePosition));
            buffer.putInt(at + IndexFileDescriptor.ENTRY_RELATIVE_OFFSET_OFFSET, (int) entry.fileOffset());
            buffer.putLong(at + IndexFileDescriptor.ENTRY_ARRIVAL_MS_OFFSET, entry.arrivalMs());
            at += IndexFileDescriptor.ENTRY_LENGTH;
        }
        buffer.putInt(IndexFileDescriptor.CRC_OFFSET, crcOf(buffer));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long offset = 0;
            while (buffer.hasRemaining()) {
                offset += channel.write(buffer, offset);
            }
        }
    }

    /**
     * Reads the index file of the segment at {@code basePosition}, or returns null when it is missing or not
     * trustworthy (bad magic, version, base position, CRC, entry order, or it covers more than
     * {@code segmentFileBytes}).
     */
    static Checkpoint read(Path file, long basePosition, long segmentFileBytes, int indexIntervalBytes)
            throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!hasValidHeader(buffer, basePosition)) {
            return null;
        }
        long segmentBytes = buffer.getLong(IndexFileDescriptor.SEGMENT_BYTES_OFFSET);
        long endPosition = buffer.getLong(IndexFileDescriptor.END_POSITION_OFFSET);
        long lastArrivalMs = buffer.getLong(IndexFileDescriptor.LAST_ARRIVAL_MS_OFFSET);
        if (segmentBytes < SegmentDescriptor.HEADER_LENGTH || segmentBytes > segmentFileBytes
                || endPosition < basePosition) {
            return null;
        }
        SparseIndex index = new SparseIndex(indexIntervalBytes);
        int count = buffer.getInt(IndexFileDescriptor.ENTRY_COUNT_OFFSET);
        long previousPosition = basePosition - 1;
        long previousOffset = SegmentDescriptor.HEADER_LENGTH - 1;
        for (int i = 0; i < count; i++) {
            int at = IndexFileDescriptor.HEADER_LENGTH + i * IndexFileDescriptor.ENTRY_LENGTH;
            long position = basePosition + Integer.toUnsignedLong(
                    buffer.getInt(at + IndexFileDescriptor.ENTRY_RELATIVE_POSITION_OFFSET));
            long offset = Integer.toUnsignedLong(buffer.getInt(at + IndexFileDescriptor.ENTRY_RELATIVE_OFFSET_OFFSET));
            if (position <= previousPosition || position >= endPosition || offset <= previousOffset
                    || offset >= segmentBytes) {
                return null;
            }
            index.restore(position, offset, buffer.getLong(at + IndexFileDescriptor.ENTRY_ARRIVAL_MS_OFFSET));
            previousPosition = position;
            previousOffset = offset;
        }
        return new Checkpoint(index, segmentBytes, endPosition, lastArrivalMs);
    }

    private static boolean hasValidHeader(ByteBuffer buffer, long basePosition) {
        int length = buffer.capacity();
        if (length < IndexFileDescriptor.HEADER_LENGTH
                || buffer.getLong(IndexFileDescriptor.MAGIC_OFFSET) != IndexFileDescriptor.MAGIC
                || buffer.getShort(IndexFileDescriptor.VERSION_OFFSET) != IndexFileDescriptor.FORMAT_VERSION
                || buffer.getLong(IndexFileDescriptor.BASE_POSITION_OFFSET) != basePosition) {
            return false;
        }
        long count = buffer.getInt(IndexFileDescriptor.ENTRY_COUNT_OFFSET);
        return count >= 0 && length == IndexFileDescriptor.HEADER_LENGTH + count * IndexFileDescriptor.ENTRY_LENGTH
                && buffer.getInt(IndexFileDescriptor.CRC_OFFSET) == crcOf(buffer);
    }

    /** CRC32C over every byte of the file except the CRC field itself. */
    private static int crcOf(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(0).limit(IndexFileDescriptor.CRC_OFFSET));
        crc.update(buffer.duplicate().position(IndexFileDescriptor.CRC_OFFSET + 4).limit(buffer.capacity()));
        return (int) crc.getValue();
    }
}
