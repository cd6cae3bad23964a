package io.millrace.log.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * An offline, read-only examination of one segment file and its index file: every batch is checked as
 * recovery checks the newest segment (header, length, continuity, arrival order, CRC32C, record framing), and
 * the index file is checked against the batches found. Used by {@link LogVerifier} and {@link LogDumper}.
 *
 * @param basePosition  the base position from the file name
 * @param fileBytes     the file's length
 * @param validBytes    where the valid batches end (== fileBytes when the whole file is good)
 * @param endPosition   the position after the last valid record
 * @param batches       valid batches
 * @param records       records in valid batches
 * @param firstArrivalMs arrival of the first valid batch, -1 if none
 * @param lastArrivalMs arrival of the last valid batch, -1 if none
 * @param problem       why the scan stopped before the end of the file, or null
 * @param index         what the index file says about this segment
 */
public record SegmentInspection(Path file, long basePosition, long fileBytes, long validBytes, long endPosition,
                                long batches, long records, long firstArrivalMs, long lastArrivalMs,
                                String problem, IndexState index) {

    /** The state of a segment's index file. */
    public enum IndexState {
        /** It covers the whole segment and agrees with every batch it names. */
        VALID,
        /** It agrees with the batches it names but covers only a prefix (normal for the newest segment). */
        PREFIX,
        /** There is none; it is rebuilt on open. */
        MISSING,
        /** It fails its checks or disagrees with the segment; it is never trusted and is rebuilt on open. */
        INVALID
    }

    /**
     * One valid batch, for dumps.
     *
     * @param keyRef     for an encrypted batch the reference of its key ({@link io.millrace.log.crypto.KeyRing#refOf}),
     *                   else 0
     * @param keyVersion for an encrypted batch its key version, else 0 (plaintext)
     */
    public record Batch(long fileOffset, int lengthBytes, long basePosition, int recordCount, long arrivalMs,
                        long keyRef, int keyVersion) {

        public boolean isEncrypted() {
            return keyVersion != 0;
        }
    }

    /** Inspects {@code segmentFile}, handing every valid batch to {@code onBatch} (which may be null). */
    public static SegmentInspection inspect(Path segmentFile, Consumer<Batch> onBatch) throws IOException {
        long base = SegmentDescriptor.parseFileName(segmentFile.getFileName().toString());
        if (base < 0) {
            throw new IllegalArgumentException("not a segment file name: " + segmentFile.getFileName());
        }
        try (FileChannel channel = FileChannel.open(segmentFile, StandardOpenOption.READ)) {
            long fileBytes = channel.size();
            ByteBuffer header = ByteBuffer.allocate(SegmentDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            if (LogRecovery.readFully(channel, header, 0) < SegmentDescriptor.HEADER_LENGTH
                    || !SegmentDescriptor.isValidHeader(header, base)) {
                return new SegmentInspection(segmentFile, base, fileBytes, 0, base, 0, 0, -1, -1,
                        "invalid segment header", IndexState.INVALID);
            }
            return scan(segmentFile, channel, base, fileBytes,
                    header.getLong(SegmentDescriptor.PREVIOUS_ARRIVAL_MS_OFFSET), onBatch);
        }
    }

    private static SegmentInspection scan(Path file, FileChannel channel, long base, long fileBytes,
                                          long previousArrivalMs, Consumer<Batch> onBatch) throws IOException {
        ByteBuffer batch = ByteBuffer.allocate(BatchDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        IndexCheck indexCheck = new IndexCheck(file, base, fileBytes);
        long offset = SegmentDescriptor.HEADER_LENGTH;
        long position = base;
        long lastArrivalMs = previousArrivalMs;
        long firstArrivalMs = -1;
        long batches = 0;
        String problem = null;
        while (offset < fileBytes) {
            batch.clear().limit(BatchDescriptor.HEADER_LENGTH);
            if (LogRecovery.readFully(channel, batch, offset) < BatchDescriptor.HEADER_LENGTH) {
                problem = "batch header cut short at byte " + offset;
                break;
            }
            int length = batch.getInt(BatchDescriptor.LENGTH_OFFSET);
            int count = batch.getInt(BatchDescriptor.RECORD_COUNT_OFFSET);
            long arrivalMs = batch.getLong(BatchDescriptor.ARRIVAL_MS_OFFSET);
            problem = headerProblem(batch, length, count, arrivalMs, offset, fileBytes, position, lastArrivalMs);
            if (problem != null) {
                break;
            }
            if (batch.capacity() < length) {
                batch = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            }
            batch.clear().limit(length);
            LogRecovery.readFully(channel, batch, offset);
            if (!LogRecovery.isIntact(batch, length, count, crc)) {
                problem = "batch at byte " + offset + " fails its CRC32C or record framing";
                break;
            }
            if (onBatch != null) {
                boolean encrypted = BatchDescriptor.isEncrypted(batch);
                onBatch.accept(new Batch(offset, length, position, count, arrivalMs,
                        encrypted ? batch.getLong(BatchDescriptor.KEY_REF_OFFSET) : 0,
                        encrypted ? batch.getInt(BatchDescriptor.KEY_VERSION_OFFSET) : 0));
            }
            indexCheck.onBatch(offset, position, arrivalMs);
            firstArrivalMs = batches == 0 ? arrivalMs : firstArrivalMs;
            batches++;
            position += count;
            lastArrivalMs = arrivalMs;
            offset += length;
        }
        indexCheck.onBatch(offset, position, lastArrivalMs); // where the valid batches end
        IndexState index = indexCheck.state(offset, fileBytes);
        return new SegmentInspection(file, base, fileBytes, offset, position, batches, position - base,
                firstArrivalMs, batches == 0 ? -1 : lastArrivalMs, problem, index);
    }

    private static String headerProblem(ByteBuffer header, int length, int count, long arrivalMs, long offset,
                                        long fileBytes, long position, long lastArrivalMs) {
        if (!BatchDescriptor.isSane(header)) {
            return "implausible batch header at byte " + offset;
        }
        if (offset + length > fileBytes) {
            return "batch at byte " + offset + " runs past the end of the file";
        }
        if (header.getLong(BatchDescriptor.BASE_POSITION_OFFSET) != position) {
            return "batch at byte " + offset + " has position " + header.getLong(BatchDescriptor.BASE_POSITION_OFFSET)
                    + ", expected " + position;
        }
        if (arrivalMs < lastArrivalMs) {
            return "batch at byte " + offset + " arrived before the previous batch";
        }
        return null;
    }

    /** Checks the index file's entries against the batches as the scan passes them; keeps only the index. */
    private static final class IndexCheck {
        private final boolean exists;
        private final IndexFile.Checkpoint checkpoint;
        private final Map<Long, SparseIndex.Entry> expected = new HashMap<>();
        private int matched;
        private boolean endMatched;

        IndexCheck(Path file, long base, long fileBytes) throws IOException {
            Path indexFile = IndexFile.pathFor(file, base);
            exists = indexFile.toFile().exists();
            checkpoint = exists ? IndexFile.read(indexFile, base, fileBytes, 1) : null;
            if (checkpoint != null) {
                checkpoint.index().entries().forEach(entry -> expected.put(entry.fileOffset(), entry));
            }
        }

        void onBatch(long offset, long position, long arrivalMs) {
            if (checkpoint == null) {
                return;
            }
            SparseIndex.Entry entry = expected.get(offset);
            if (entry != null && entry.position() == position && entry.arrivalMs() == arrivalMs) {
                matched++;
            }
            if (offset == checkpoint.segmentBytes() && position == checkpoint.endPosition()) {
                endMatched = true;
            }
        }

        IndexState state(long validBytes, long fileBytes) {
            if (!exists) {
                return IndexState.MISSING;
            }
            if (checkpoint == null || checkpoint.segmentBytes() > validBytes || !endMatched
                    || matched != expected.size()) {
                return IndexState.INVALID;
            }
            return checkpoint.segmentBytes() == fileBytes ? IndexState.VALID : IndexState.PREFIX;
        }
    }

    /** Whether every byte of the file is a valid header or batch. */
    public boolean isWhole() {
        return problem == null;
    }
}
