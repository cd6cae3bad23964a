package io.millrace.log.local;

import io.millrace.log.ReadResult;
import io.millrace.log.StoredRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one {@link SegmentedShardLog#read} call: where it is, what it collected, and its limits. It walks
 * a segment's batches from the nearest {@link SparseIndex} entry, skipping batches by header, and decodes the
 * records it needs from whole batches read with positional reads.
 *
 * <p>Thread safety: confined to the reading thread.
 */
final class ReadSession {
    private final BatchCipher cipher;
    private final long visibleEndPosition;
    private final int maxRecords;
    private final long maxBytes;
    private final List<StoredRecord> records = new ArrayList<>();
    private final ByteBuffer header = ByteBuffer.allocate(BatchDescriptor.HEADER_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer batch = ByteBuffer.allocate(0);
    private long position;
    private long bytes;
    private boolean isFull;

    /** Reads from {@code fromPosition} up to (excluding) {@code visibleEndPosition}, the end published at call time. */
    ReadSession(BatchCipher cipher, long fromPosition, long visibleEndPosition, int maxRecords, long maxBytes) {
        this.cipher = cipher;
        this.position = fromPosition;
        this.visibleEndPosition = visibleEndPosition;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    boolean isDone() {
        return isFull || position >= visibleEndPosition || records.size() >= maxRecords;
    }

    long position() {
        return position;
    }

    /** Moves forward to {@code newPosition} (after a concurrent trim removed what lay before it). */
    void skipTo(long newPosition) {
        position = Math.max(position, newPosition);
    }

    ReadResult result() {
        return new ReadResult(records, position);
    }

    /** Collects records of {@code segment} from the current position until the segment or the budget ends. */
    void readFrom(LogSegment segment) throws IOException {
        SparseIndex.Entry entry = segment.index().floorByPosition(position);
        long offset = entry == null ? SegmentDescriptor.HEADER_LENGTH : entry.fileOffset();
        long limitBytes = segment.sizeBytes();
        while (!isDone() && offset < limitBytes) {
            header.clear();
            if (segment.read(header, offset) < BatchDescriptor.HEADER_LENGTH) {
                throw StorageFaults.corrupt("batch header cut short at byte " + offset);
            }
            int length = header.getInt(BatchDescriptor.LENGTH_OFFSET);
            int count = header.getInt(BatchDescriptor.RECORD_COUNT_OFFSET);
            if (!BatchDescriptor.isSane(header)) {
                throw StorageFaults.corrupt("implausible batch header at byte " + offset);
            }
            long basePosition = header.getLong(BatchDescriptor.BASE_POSITION_OFFSET);
            if (basePosition + count > position) {
                ByteBuffer read = readBatch(segment, offset, length);
                int recordsAt = BatchDescriptor.HEADER_LENGTH;
                String keyId = null;
                if (BatchDescriptor.isEncrypted(header)) {
                    keyId = cipher.open(read, length, "batch at byte " + offset + " of " + segment.file());
                    recordsAt = BatchDescriptor.ENCRYPTED_HEADER_LENGTH;
                }
                decode(read, recordsAt, basePosition, count, header.getLong(BatchDescriptor.ARRIVAL_MS_OFFSET), keyId);
            }
            offset += length;
        }
    }

    private ByteBuffer readBatch(LogSegment segment, long offset, int length) throws IOException {
        if (batch.capacity() < length) {
            batch = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        }
        batch.clear().limit(length);
        if (segment.read(batch, offset) < length) {
            throw StorageFaults.corrupt("batch cut short at byte " + offset);
        }
        return batch;
    }

    private void decode(ByteBuffer batch, int recordsAt, long basePosition, int count, long arrivalMs, String keyId) {
        byte[] array = batch.array();
        int at = recordsAt;
        for (int i = 0; i < count && !isDone(); i++) {
            int keyLength = batch.getInt(at);
            int keyAt = at + 4;
            int dataLength = batch.getInt(keyAt + keyLength);
            int dataAt = keyAt + keyLength + 4;
            at = dataAt + dataLength;
            long recordPosition = basePosition + i;
            if (recordPosition < position) {
                continue;
            }
            long size = (long) keyLength + dataLength;
            if (bytes + size > maxBytes && !records.isEmpty()) {
                isFull = true;
                return;
            }
            bytes += size;
            records.add(new StoredRecord(recordPosition, arrivalMs,
                    new String(array, keyAt, keyLength, StandardCharsets.UTF_8),
                    Arrays.copyOfRange(array, dataAt, dataAt + dataLength), keyId));
            position = recordPosition + 1;
        }
    }
}
