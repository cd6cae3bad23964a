package io.millrace.log.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One segment file of a {@link SegmentedShardLog}: the batches whose first position is at or after
 * {@link #basePosition()} and before the next segment's, plus its persisted sparse index ({@link IndexFile}).
 * It holds no file descriptor of its own: every I/O call borrows a channel from the store's
 * {@link ChannelCache}, so idle segments cost no descriptor and are reopened on demand.
 *
 * <p>Thread safety: {@link #append}, {@link #repairIfNeeded} and {@link #checkpoint} are called only under the
 * owning log's append lock. Readers use positional reads and the published {@link #sizeBytes()},
 * {@link #endPosition()} and {@link #lastArrivalMs()}, which are written (volatile) only after the batch bytes
 * are in the file.
 */
final class LogSegment {
    private static final Logger LOG = LoggerFactory.getLogger(LogSegment.class);

    /** A consistent view of how far the segment is written; take it under the log's append lock. */
    record Extent(long sizeBytes, long endPosition, long lastArrivalMs) {
    }

    private final Path file;
    private final long basePosition;
    private final SparseIndex index;
    private final ChannelCache channels;
    private volatile long sizeBytes;
    private volatile long endPosition;
    private volatile long lastArrivalMs;
    private volatile boolean closed;
    private volatile boolean hasUnforcedWrites;
    /** Segment bytes the index file on disk covers, -1 if there is none. */
    private long checkpointedBytes = -1;
    private boolean needsRepair;

    private LogSegment(Path file, long basePosition, SparseIndex index, ChannelCache channels,
                       long sizeBytes, long endPosition, long lastArrivalMs) {
        this.file = file;
        this.basePosition = basePosition;
        this.index = index;
        this.channels = channels;
        this.sizeBytes = sizeBytes;
        this.endPosition = endPosition;
        this.lastArrivalMs = lastArrivalMs;
    }

    /** Creates a new, empty segment file in {@code dir}; {@code previousArrivalMs} is the log's last arrival. */
    static LogSegment create(Path dir, long basePosition, long previousArrivalMs, int indexIntervalBytes,
                             ChannelCache channels) throws IOException {
        Path file = dir.resolve(SegmentDescriptor.fileName(basePosition));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeHeader(channel, basePosition, previousArrivalMs);
        } catch (IOException e) {
            // A half-created file (say, the disk filled) must not block the next attempt to create it.
            Files.deleteIfExists(file);
            throw e;
        }
        return new LogSegment(file, basePosition, new SparseIndex(indexIntervalBytes), channels,
                SegmentDescriptor.HEADER_LENGTH, basePosition, previousArrivalMs);
    }

    /**
     * Opens an existing segment. A trusted index file ({@link IndexFileDescriptor}) replaces the scan: a sealed
     * segment it covers exactly is not read beyond its header, and the newest segment is verified only past
     * what it covers. Without one, a sealed segment is scanned by batch header and must be whole (its index is
     * then written for the next open), and the newest is verified batch by batch and truncated after its last
     * valid batch; a header torn by a crash during creation is rewritten.
     *
     * @param previousArrivalMs the previous segment's last arrival, used if the header is unreadable
     */
    static LogSegment open(Path file, long basePosition, long previousArrivalMs, boolean isNewest,
                           int indexIntervalBytes, ChannelCache channels, RecoveryCounters counters)
            throws IOException {
        LogSegment trusted = openFromIndex(file, basePosition, indexIntervalBytes, channels);
        if (trusted != null) {
            counters.onSegmentTrusted();
            return trusted;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long fileBytes = channel.size();
            ByteBuffer header = ByteBuffer.allocate(SegmentDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            int read = LogRecovery.readFully(channel, header, 0);
            Path indexFile = IndexFile.pathFor(file, basePosition);
            long headerArrivalMs;
            IndexFile.Checkpoint checkpoint = null;
            if (read == SegmentDescriptor.HEADER_LENGTH && SegmentDescriptor.isValidHeader(header, basePosition)) {
                headerArrivalMs = header.getLong(SegmentDescriptor.PREVIOUS_ARRIVAL_MS_OFFSET);
                checkpoint = IndexFile.read(indexFile, basePosition, fileBytes, indexIntervalBytes);
                if (checkpoint != null && !isNewest && checkpoint.segmentBytes() != fileBytes) {
                    checkpoint = null;
                }
            } else if (isNewest && fileBytes <= SegmentDescriptor.HEADER_LENGTH) {
                channel.truncate(0);
                writeHeader(channel, basePosition, previousArrivalMs);
                fileBytes = SegmentDescriptor.HEADER_LENGTH;
                headerArrivalMs = previousArrivalMs;
            } else {
                throw StorageFaults.corrupt("segment " + file.getFileName() + " has an invalid header");
            }
            if (checkpoint == null && Files.deleteIfExists(indexFile)) {
                // Never trusted, so never left to be trusted later, after the segment changed: make it stick.
                DurableFiles.fsyncDirectory(file.getParent());
            }
            LogSegment segment = recover(file, basePosition, channel, fileBytes, headerArrivalMs, isNewest,
                    checkpoint, indexIntervalBytes, channels, counters);
            if (checkpoint == null && !isNewest) {
                segment.checkpoint();
            }
            return segment;
        }
    }

    /**
     * The segment as its index file describes it, when that index covers the whole file: then the segment is
     * not even opened (its header was checked when the index was written), which is what makes a restart with
     * thousands of segments cost one stat and one small read each. Null when the index cannot be used so.
     */
    private static LogSegment openFromIndex(Path file, long basePosition, int indexIntervalBytes,
                                            ChannelCache channels) throws IOException {
        long fileBytes = Files.size(file);
        IndexFile.Checkpoint checkpoint = IndexFile.read(IndexFile.pathFor(file, basePosition), basePosition,
                fileBytes, indexIntervalBytes);
        if (checkpoint == null || checkpoint.segmentBytes() != fileBytes) {
            return null;
        }
        LogSegment segment = new LogSegment(file, basePosition, checkpoint.index(), channels, fileBytes,
                checkpoint.endPosition(), checkpoint.lastArrivalMs());
        segment.checkpointedBytes = fileBytes;
        return segment;
    }

    private static LogSegment recover(Path file, long basePosition, FileChannel channel, long fileBytes,
                                      long headerArrivalMs, boolean isNewest, IndexFile.Checkpoint checkpoint,
                                      int indexIntervalBytes, ChannelCache channels, RecoveryCounters counters)
            throws IOException {
        SparseIndex index = checkpoint == null ? new SparseIndex(indexIntervalBytes) : checkpoint.index();
        long startOffset = checkpoint == null ? SegmentDescriptor.HEADER_LENGTH : checkpoint.segmentBytes();
        long startPosition = checkpoint == null ? basePosition : checkpoint.endPosition();
        long startArrivalMs = checkpoint == null ? headerArrivalMs : checkpoint.lastArrivalMs();
        if (startOffset == fileBytes) {
            counters.onSegmentTrusted();
            LogSegment segment = new LogSegment(file, basePosition, index, channels, fileBytes, startPosition,
                    startArrivalMs);
            segment.checkpointedBytes = fileBytes;
            return segment;
        }
        counters.onSegmentScanned(fileBytes - startOffset);
        LogRecovery.ScanResult scan = LogRecovery.scan(channel, fileBytes, startOffset, startPosition,
                startArrivalMs, isNewest, index);
        if (scan.validBytes() < fileBytes) {
            if (!isNewest) {
                throw StorageFaults.corrupt("sealed segment " + file.getFileName() + " is damaged at byte "
                        + scan.validBytes());
            }
            channel.truncate(scan.validBytes());
            channel.force(true);
        }
        return new LogSegment(file, basePosition, index, channels, scan.validBytes(), scan.endPosition(),
                scan.lastArrivalMs());
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
        FileChannel channel = acquire(ChannelCache.Mode.WRITE);
        try {
            hasUnforcedWrites = true;
            long at = offset;
            while (batch.hasRemaining()) {
                at += channel.write(batch, at);
            }
        } catch (IOException e) {
            needsRepair = true;
            throw e;
        } finally {
            channels.release(file, ChannelCache.Mode.WRITE, channel);
        }
        index.onBatch(batchPosition, offset, arrivalMs);
        lastArrivalMs = arrivalMs;
        endPosition = batchPosition + recordCount;
        sizeBytes = offset + length;
    }

    /** Cuts off bytes a failed write may have left, so the file never holds a partial batch mid-log. */
    void repairIfNeeded() throws IOException {
        if (!needsRepair) {
            return;
        }
        FileChannel channel = acquire(ChannelCache.Mode.WRITE);
        try {
            channel.truncate(sizeBytes);
            needsRepair = false;
        } finally {
            channels.release(file, ChannelCache.Mode.WRITE, channel);
        }
    }

    /** Forces written batches (not file metadata other than size) to the device. */
    void force() throws IOException {
        for (int attempt = 0; ; attempt++) {
            boolean hadUnforcedWrites = hasUnforcedWrites;
            hasUnforcedWrites = false;
            FileChannel channel = acquire(ChannelCache.Mode.WRITE);
            try {
                channel.force(false);
                return;
            } catch (ClosedChannelException e) {
                hasUnforcedWrites |= hadUnforcedWrites;
                // An appender interrupted mid-write closed the channel; fsync works on the file, so retry once.
                if (closed || attempt > 0) {
                    throw e;
                }
            } catch (IOException e) {
                hasUnforcedWrites |= hadUnforcedWrites;
                throw e;
            } finally {
                channels.release(file, ChannelCache.Mode.WRITE, channel);
            }
        }
    }

    /** Whether batches were written since the last force (in this process). */
    boolean hasUnforcedWrites() {
        return hasUnforcedWrites;
    }

    /**
     * Persists the sparse index of everything written so far. Call only after those bytes were forced (or when
     * durability does not matter); a failure only costs a scan at the next open, so it is logged, not thrown.
     */
    void checkpoint() {
        checkpoint(extent());
    }

    /** Where the segment ends now; consistent only under the append lock (or when nothing appends). */
    Extent extent() {
        return new Extent(sizeBytes, endPosition, lastArrivalMs);
    }

    /** Bytes written past what the index file on disk covers. */
    synchronized long bytesSinceCheckpoint() {
        return sizeBytes - Math.max(checkpointedBytes, SegmentDescriptor.HEADER_LENGTH);
    }

    /**
     * As {@link #checkpoint()}, for the prefix {@code extent} describes (taken before a force that covered it),
     * while appends may continue. Never replaces an index that covers more, and never writes one for a closed
     * segment (synchronised with {@link #close()} and {@link #delete()}, so no index outlives its segment).
     */
    synchronized void checkpoint(Extent extent) {
        long size = extent.sizeBytes();
        long end = extent.endPosition();
        if (closed || size <= checkpointedBytes || !IndexFile.canDescribe(basePosition, size, end)) {
            return;
        }
        Path indexFile = IndexFile.pathFor(file, basePosition);
        try {
            List<SparseIndex.Entry> entries = new ArrayList<>(index.entries());
            entries.removeIf(entry -> entry.fileOffset() >= size);
            IndexFile.write(indexFile, basePosition, size, end, extent.lastArrivalMs(), entries);
            checkpointedBytes = size;
        } catch (IOException e) {
            LOG.warn("could not write index {}; it will be rebuilt on the next open: {}", indexFile, e.toString());
            try {
                Files.deleteIfExists(indexFile);
            } catch (IOException ignored) {
                // a torn index fails its CRC check and is rebuilt anyway
            }
        }
    }

    /** Reads into {@code dst} from {@code offset} until it is full or the file ends; returns the bytes read. */
    int read(ByteBuffer dst, long offset) throws IOException {
        int done = 0;
        for (int attempt = 0; ; attempt++) {
            int before = dst.position();
            FileChannel channel = acquire(ChannelCache.Mode.READ);
            try {
                return done + LogRecovery.readFully(channel, dst, offset + done);
            } catch (ClosedChannelException e) {
                // Another reader was interrupted and closed the shared channel: reopen once, unless it was us.
                if (closed || Thread.currentThread().isInterrupted() || attempt > 0) {
                    throw e;
                }
                done += dst.position() - before;
            } finally {
                channels.release(file, ChannelCache.Mode.READ, channel);
            }
        }
    }

    private FileChannel acquire(ChannelCache.Mode mode) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        FileChannel channel;
        try {
            channel = channels.acquire(file, mode);
        } catch (NoSuchFileException e) {
            if (closed) {
                throw new ClosedChannelException(); // trimmed while we were getting here
            }
            throw e;
        }
        if (closed) {
            // close() may have invalidated the cache before we put this channel in it.
            channels.release(file, mode, channel);
            channels.invalidate(file);
            throw new ClosedChannelException();
        }
        return channel;
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

    Path file() {
        return file;
    }

    /** Closes the segment's channels; readers still using it then fail with a closed-channel error. */
    synchronized void close() {
        closed = true;
        channels.invalidate(file);
    }

    /** Closes the segment and removes its file and index; its disk space is free once this returns. */
    synchronized void delete() throws IOException {
        close();
        Files.deleteIfExists(IndexFile.pathFor(file, basePosition));
        Files.deleteIfExists(file);
    }
}
