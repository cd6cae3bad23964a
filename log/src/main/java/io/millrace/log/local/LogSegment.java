package io.millrace.log.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file of a {@link SegmentedShardLog}: the batches whose first position is at or after
 * {@link #basePosition()} and before the next segment's. Owns two channels, one for the appender and one for
 * readers, so a reader interrupted during I/O (which closes its channel) never breaks appends; either channel
 * is reopened on next use if that happened.
 *
 * <p>Thread safety: {@link #append} and {@link #repairIfNeeded} are called only under the owning log's append
 * lock. Readers use positional reads and the published {@link #sizeBytes()}, {@link #endPosition()} and
 * {@link #lastArrivalMs()}, which are written (volatile) only after the batch bytes are in the file.
 */
final class LogSegment {
    private final Path file;
    private final long basePosition;
    private final SparseIndex index;
    private FileChannel writeChannel;
    private FileChannel readChannel;
    private volatile long sizeBytes;
    private volatile long endPosition;
    private volatile long lastArrivalMs;
    private volatile boolean closed;
    private boolean needsRepair;

    private LogSegment(Path file, long basePosition, SparseIndex index, FileChannel writeChannel,
                       long sizeBytes, long endPosition, long lastArrivalMs) {
        this.file = file;
        this.basePosition = basePosition;
        this.index = index;
        this.writeChannel = writeChannel;
        this.sizeBytes = sizeBytes;
        this.endPosition = endPosition;
        this.lastArrivalMs = lastArrivalMs;
    }

    /** Creates a new, empty segment file in {@code dir}; {@code previousArrivalMs} is the log's last arrival. */
    static LogSegment create(Path dir, long basePosition, long previousArrivalMs, int indexIntervalBytes)
            throws IOException {
        Path file = dir.resolve(SegmentDescriptor.fileName(basePosition));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            writeHeader(channel, basePosition, previousArrivalMs);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new LogSegment(file, basePosition, new SparseIndex(indexIntervalBytes), channel,
                SegmentDescriptor.HEADER_LENGTH, basePosition, previousArrivalMs);
    }

    /**
     * Opens an existing segment. A sealed segment must be whole; the newest ({@code isNewest}) is verified and
     * truncated after its last valid batch, and a header torn by a crash during creation is rewritten.
     *
     * @param previousArrivalMs the previous segment's last arrival, used if the header is unreadable
     */
    static LogSegment open(Path file, long basePosition, long previousArrivalMs, boolean isNewest,
                           int indexIntervalBytes) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long fileBytes = channel.size();
            ByteBuffer header = ByteBuffer.allocate(SegmentDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            int read = LogRecovery.readFully(channel, header, 0);
            long headerArrivalMs;
            if (read == SegmentDescriptor.HEADER_LENGTH && SegmentDescriptor.isValidHeader(header, basePosition)) {
                headerArrivalMs = header.getLong(SegmentDescriptor.PREVIOUS_ARRIVAL_MS_OFFSET);
            } else if (isNewest && fileBytes <= SegmentDescriptor.HEADER_LENGTH) {
                channel.truncate(0);
                writeHeader(channel, basePosition, previousArrivalMs);
                fileBytes = SegmentDescriptor.HEADER_LENGTH;
                headerArrivalMs = previousArrivalMs;
            } else {
                throw StorageFaults.corrupt("segment " + file.getFileName() + " has an invalid header");
            }
            SparseIndex index = new SparseIndex(indexIntervalBytes);
            LogRecovery.ScanResult scan = LogRecovery.scan(channel, fileBytes, basePosition, headerArrivalMs,
                    isNewest, index);
            if (scan.validBytes() < fileBytes) {
                if (!isNewest) {
                    throw StorageFaults.corrupt("sealed segment " + file.getFileName() + " is damaged at byte "
                            + scan.validBytes());
                }
                channel.truncate(scan.validBytes());
                channel.force(true);
            }
            return new LogSegment(file, basePosition, index, channel, scan.validBytes(), scan.endPosition(),
                    scan.lastArrivalMs());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void writeHeader(FileChannel channel, long basePosition, long previousArrivalMs)
            throws IOException {
        ByteBuffer header = SegmentDescriptor.encodeHeader(basePosition, previousArrivalMs);
        long at = 0;
        while (header.hasRemaining()) {
            at += channel.write(header, at);
        }
    }

    /**
     * Writes one encoded batch at the end and publishes it. On failure the batch is not published and the
     * segment remembers to cut the file back before the next write.
     */
    void append(ByteBuffer batch, long batchPosition, int recordCount, long arrivalMs) throws IOException {
        repairIfNeeded();
        long offset = sizeBytes;
        int length = batch.remaining();
        try {
            long at = offset;
            FileChannel channel = writeChannel();
            while (batch.hasRemaining()) {
                at += channel.write(batch, at);
            }
        } catch (IOException e) {
            needsRepair = true;
            throw e;
        }
        index.onBatch(batchPosition, offset, arrivalMs);
        lastArrivalMs = arrivalMs;
        endPosition = batchPosition + recordCount;
        sizeBytes = offset + length;
    }

    /** Cuts off bytes a failed write may have left, so the file never holds a partial batch mid-log. */
    void repairIfNeeded() throws IOException {
        if (needsRepair) {
            writeChannel().truncate(sizeBytes);
            needsRepair = false;
        }
    }

    /** Forces written batches (not file metadata other than size) to the device. */
    void force() throws IOException {
        try {
            writeChannel().force(false);
        } catch (ClosedChannelException e) {
            if (closed) {
                throw e;
            }
            // An appender interrupted mid-write closed the channel; fsync works on the file, so retry once.
            writeChannel().force(false);
        }
    }

    /** Reads into {@code dst} from {@code offset} until it is full or the file ends; returns the bytes read. */
    int read(ByteBuffer dst, long offset) throws IOException {
        try {
            return LogRecovery.readFully(readChannel(), dst, offset);
        } catch (ClosedChannelException e) {
            if (closed || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return LogRecovery.readFully(readChannel(), dst, offset);
        }
    }

    private synchronized FileChannel writeChannel() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (!writeChannel.isOpen()) {
            writeChannel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return writeChannel;
    }

    private synchronized FileChannel readChannel() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (readChannel == null || !readChannel.isOpen()) {
            readChannel = FileChannel.open(file, StandardOpenOption.READ);
        }
        return readChannel;
    }

    long basePosition() {
        return basePosition;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    long endPosition() {
        return endPosition;
    }

    long lastArrivalMs() {
        return lastArrivalMs;
    }

    boolean hasRecords() {
        return endPosition > basePosition;
    }

    boolean isClosed() {
        return closed;
    }

    SparseIndex index() {
        return index;
    }

    /** Closes both channels; readers still using this segment then fail with a closed-channel error. */
    synchronized void close() throws IOException {
        closed = true;
        try {
            writeChannel.close();
        } finally {
            if (readChannel != null) {
                readChannel.close();
            }
        }
    }

    /** Closes the segment and removes its file. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }
}
