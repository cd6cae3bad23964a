package io.millrace.log.local;

import io.millrace.log.AppendResult;
import io.millrace.log.LogCapabilities;
import io.millrace.log.LogRecord;
import io.millrace.log.ReadResult;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.crypto.MasterKey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable {@link ShardLog}: a directory of segment files named by base position (Kafka style), each a file
 * header ({@link SegmentDescriptor}) followed by one record batch per append ({@link BatchDescriptor}).
 *
 * <p>Thread safety: appends, rolls, trims and close are serialised by the append lock, which is held while
 * writing. Readers never take it: they read the published {@code endPosition} (volatile, written after the
 * batch bytes), find segments in a concurrent map and read with positional reads, so they never see a partial
 * batch and never wait for a write. In {@link Durability#FSYNC} mode the durable future of an append completes
 * on the {@link GroupCommitter}'s thread after a force covered it; callbacks attached without an executor run
 * there and must be short.
 */
public final class SegmentedShardLog implements ShardLog, GroupCommitter.Flushable {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final int MAX_RETRIES_AFTER_TRIM = 8;
    /** Growth of the active segment between two checkpoints of its index by the flusher. */
    static final long CHECKPOINT_INTERVAL_BYTES = 8L * 1024 * 1024;

    /** A durable future waiting for a force to cover every position before {@code endPosition}. */
    private record Pending(long endPosition, CompletableFuture<Void> future) {
    }

    private final Path dir;
    private final LocalLogConfig config;
    private final GroupCommitter committer;
    private final Checkpointer checkpointer;
    private final ChannelCache channels;
    private final BatchCipher cipher;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    /**
     * One encoder per appending thread rather than per log: its buffer (64 KiB and up) times 10,000 shards would
     * be most of the heap, while appending threads are few. An append encodes and writes on one thread without
     * touching another log in between, so a thread's encoder is never used by two appends at once.
     */
    private static final ThreadLocal<BatchEncoder> ENCODERS = ThreadLocal.withInitial(BatchEncoder::new);
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private volatile LogSegment active;
    private volatile long startPosition;
    private volatile long endPosition;
    private volatile long lastArrivalMs;
    private volatile boolean closed;
    /** Size of the active segment when its last background checkpoint was queued (NONE mode; append lock). */
    private long checkpointQueuedAtBytes;

    private SegmentedShardLog(Path dir, LocalLogConfig config, GroupCommitter committer, Checkpointer checkpointer,
                              ChannelCache channels, BatchCipher cipher,
                              ConcurrentSkipListMap<Long, LogSegment> segments) {
        this.cipher = cipher;
        this.dir = dir;
        this.config = config;
        this.committer = committer;
        this.checkpointer = checkpointer;
        this.channels = channels;
        this.segments = segments;
        this.active = segments.lastEntry().getValue();
        this.startPosition = segments.firstKey();
        this.endPosition = active.endPosition();
        this.lastArrivalMs = active.lastArrivalMs();
        this.checkpointQueuedAtBytes = active.sizeBytes();
    }

    /**
     * Opens the log in {@code dir}, creating it if needed and recovering the newest segment's tail. Segments
     * with a trusted index file are not read (see {@link LogSegment#open}).
     *
     * @param committer    the store's flusher, or null in {@link Durability#NONE} mode
     * @param checkpointer the store's background checkpointer in {@link Durability#NONE} mode, else null
     * @param channels     the store's open files
     * @param counters     where the work done by recovery is counted
     * @param cipher       encrypts and decrypts with the store's key ring
     */
    static SegmentedShardLog open(Path dir, LocalLogConfig config, GroupCommitter committer,
                                  Checkpointer checkpointer, ChannelCache channels, RecoveryCounters counters,
                                  BatchCipher cipher) {
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        try {
            DurableFiles.createDirectories(dir);
            TreeMap<Long, Path> files = segmentFiles(dir);
            if (files.isEmpty()) {
                segments.put(0L, LogSegment.create(dir, 0, -1, config.indexIntervalBytes(), channels));
                DurableFiles.fsyncDirectory(dir);
            }
            long previousArrivalMs = -1;
            for (Map.Entry<Long, Path> file : files.entrySet()) {
                boolean isNewest = file.getKey().equals(files.lastKey());
                LogSegment segment = LogSegment.open(file.getValue(), file.getKey(), previousArrivalMs, isNewest,
                        config.indexIntervalBytes(), channels, counters);
                Map.Entry<Long, LogSegment> previous = segments.lastEntry();
                segments.put(file.getKey(), segment);
                if (previous != null && previous.getValue().endPosition() != file.getKey()) {
                    throw StorageFaults.corrupt("segment " + file.getValue().getFileName() + " does not continue "
                            + "the previous one, which ends at " + previous.getValue().endPosition());
                }
                previousArrivalMs = segment.lastArrivalMs();
            }
            return new SegmentedShardLog(dir, config, committer, checkpointer, channels, cipher, segments);
        } catch (IOException | RuntimeException e) {
            segments.values().forEach(SegmentedShardLog::closeQuietly);
            throw e instanceof IOException io ? StorageFaults.from("open log " + dir, io) : (RuntimeException) e;
        }
    }

    private static TreeMap<Long, Path> segmentFiles(Path dir) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SegmentDescriptor.FILE_SUFFIX)) {
            for (Path entry : entries) {
                long basePosition = SegmentDescriptor.parseFileName(entry.getFileName().toString());
                if (basePosition >= 0) {
                    files.put(basePosition, entry);
                }
            }
        }
        return files;
    }

    @Override
    public AppendResult append(List<LogRecord> records, long nowMs) {
        return append(records, nowMs, null);
    }

    /** Encrypts with the newest version of {@code encryptionKeyId}, looked up before anything is written. */
    @Override
    public AppendResult append(List<LogRecord> records, long nowMs, String encryptionKeyId) {
        MasterKey key = encryptionKeyId == null ? null : cipher.keys().newest(encryptionKeyId);
        long firstPosition;
        long arrivalMs;
        int batchBytes;
        CompletableFuture<Void> durable;
        appendLock.lock();
        try {
            ensureOpen();
            arrivalMs = Math.max(nowMs, lastArrivalMs);
            firstPosition = endPosition;
            if (records.isEmpty()) {
                return new AppendResult(firstPosition, arrivalMs, DONE);
            }
            BatchEncoder encoder = ENCODERS.get();
            ByteBuffer batch = encoder.encode(records, firstPosition, arrivalMs, key, cipher);
            batchBytes = batch.remaining();
            segmentWithRoomFor(batchBytes).append(batch, firstPosition, records.size(), arrivalMs);
            encoder.release();
            lastArrivalMs = arrivalMs;
            endPosition = firstPosition + records.size();
            durable = durableFuture(endPosition);
            queueCheckpointIfDue();
        } catch (IOException e) {
            throw StorageFaults.from("append to " + dir, e);
        } finally {
            appendLock.unlock();
        }
        if (committer != null) {
            committer.onAppend(this, batchBytes, dirty.compareAndSet(false, true));
        }
        return new AppendResult(firstPosition, arrivalMs, durable);
    }

    /** The active segment, rolled first if this batch would grow a non-empty one past maxSegmentBytes. */
    private LogSegment segmentWithRoomFor(int batchBytes) throws IOException {
        LogSegment current = active;
        current.repairIfNeeded();
        if (current.sizeBytes() == SegmentDescriptor.HEADER_LENGTH
                || current.sizeBytes() + batchBytes <= config.maxSegmentBytes()) {
            return current;
        }
        if (checkpointer == null) {
            // Sealed segments are always forced, so a force of the active segment covers every earlier position.
            current.force();
            current.checkpoint();
        } else {
            // NONE mode: nothing waits for a force, but a crash should not leave this segment to be rescanned.
            checkpointer.submit(current, current.extent());
        }
        LogSegment next = LogSegment.create(dir, endPosition, lastArrivalMs, config.indexIntervalBytes(), channels);
        if (config.durability() != Durability.NONE) {
            DurableFiles.fsyncDirectory(dir);
        }
        segments.put(next.basePosition(), next);
        active = next;
        checkpointQueuedAtBytes = next.sizeBytes();
        return next;
    }

    /**
     * NONE mode: queues a background force and checkpoint of the active segment every
     * {@link #CHECKPOINT_INTERVAL_BYTES} of growth, as the flusher does in the other modes. Under the append lock.
     */
    private void queueCheckpointIfDue() {
        LogSegment segment = active;
        if (checkpointer != null && segment.sizeBytes() - checkpointQueuedAtBytes >= CHECKPOINT_INTERVAL_BYTES) {
            checkpointQueuedAtBytes = segment.sizeBytes();
            checkpointer.submit(segment, segment.extent());
        }
    }

    private CompletableFuture<Void> durableFuture(long coveredEndPosition) {
        if (config.durability() != Durability.FSYNC) {
            return DONE;
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (pending) {
            pending.add(new Pending(coveredEndPosition, future));
        }
        return future;
    }

    /**
     * Called by the {@link GroupCommitter}: one force, then every future it covered completes. Every
     * {@link #CHECKPOINT_INTERVAL_BYTES} of growth the active segment's index is checkpointed too, so a crash
     * leaves at most that much of it to verify on restart.
     */
    @Override
    public void flush() {
        dirty.set(false);
        long coveredEndPosition = endPosition;
        LogSegment segment = active;
        LogSegment.Extent checkpoint = checkpointDue(segment);
        try {
            segment.force();
        } catch (IOException e) {
            if (!closed) {
                settlePending(coveredEndPosition, StorageFaults.from("force " + dir, e));
            }
            return;
        }
        settlePending(coveredEndPosition, null);
        if (checkpoint != null && !closed) {
            segment.checkpoint(checkpoint);
        }
    }

    /** The extent to checkpoint after the coming force, or null if the active segment has not grown enough. */
    private LogSegment.Extent checkpointDue(LogSegment segment) {
        if (segment.bytesSinceCheckpoint() < CHECKPOINT_INTERVAL_BYTES) {
            return null;
        }
        appendLock.lock(); // appends publish size, end and arrival separately; read them consistently
        try {
            return segment == active ? segment.extent() : null;
        } finally {
            appendLock.unlock();
        }
    }

    private void settlePending(long coveredEndPosition, StorageException failure) {
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        synchronized (pending) {
            while (!pending.isEmpty() && pending.peek().endPosition() <= coveredEndPosition) {
                settled.add(pending.poll().future());
            }
        }
        for (CompletableFuture<Void> future : settled) {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }

    @Override
    public ReadResult read(long fromPosition, int maxRecords, long maxBytes) {
        ReadSession session = new ReadSession(cipher, Math.max(fromPosition, startPosition), endPosition, maxRecords,
                maxBytes);
        int retries = 0;
        while (!session.isDone()) {
            Map.Entry<Long, LogSegment> entry = segments.floorEntry(session.position());
            if (entry == null) {
                session.skipTo(Math.max(startPosition, segments.isEmpty() ? 0 : segments.firstKey()));
                if (++retries > MAX_RETRIES_AFTER_TRIM) {
                    break;
                }
                continue;
            }
            long before = session.position();
            try {
                session.readFrom(entry.getValue());
            } catch (ClosedChannelException e) {
                if (closed || !entry.getValue().isClosed() || ++retries > MAX_RETRIES_AFTER_TRIM) {
                    throw readFailure(e);
                }
                session.skipTo(startPosition); // the segment was trimmed under us; what is left starts later
                continue;
            } catch (IOException e) {
                throw readFailure(e);
            }
            if (session.position() == before && !session.isDone()) {
                throw StorageFaults.corrupt("position " + before + " is missing from segment "
                        + entry.getValue().basePosition() + " of " + dir);
            }
        }
        return session.result();
    }

    private StorageException readFailure(IOException e) {
        return closed ? StorageFaults.closed("log " + dir) : StorageFaults.from("read " + dir, e);
    }

    @Override
    public long endPosition() {
        return endPosition;
    }

    @Override
    public long startPosition() {
        return startPosition;
    }

    @Override
    public long lastArrivalMs() {
        return lastArrivalMs;
    }

    @Override
    public long positionForTimestamp(long timestampMs) {
        for (int attempt = 0; ; attempt++) {
            long end = endPosition;
            LogSegment segment = firstSegmentReaching(timestampMs);
            if (segment == null) {
                return end;
            }
            try {
                return positionInSegment(segment, timestampMs);
            } catch (ClosedChannelException e) {
                if (closed || !segment.isClosed() || attempt >= MAX_RETRIES_AFTER_TRIM) {
                    throw readFailure(e);
                }
            } catch (IOException e) {
                throw readFailure(e);
            }
        }
    }

    /** The first segment holding a record that arrived at or after {@code timestampMs}, or null. */
    private LogSegment firstSegmentReaching(long timestampMs) {
        // Segments are few (one per maxSegmentBytes) and each check is a field read; the lookup inside the
        // segment is the part that must not scan.
        for (LogSegment segment : segments.values()) {
            if (segment.hasRecords() && segment.lastArrivalMs() >= timestampMs) {
                return segment;
            }
        }
        return null;
    }

    /** Binary search in the sparse index, then a header-only walk of at most one index interval. */
    private static long positionInSegment(LogSegment segment, long timestampMs) throws IOException {
        SparseIndex.Entry entry = segment.index().lastArrivingBefore(timestampMs);
        if (entry == null) {
            return segment.basePosition();
        }
        ByteBuffer header = ByteBuffer.allocate(BatchDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        long limitBytes = segment.sizeBytes();
        for (long offset = entry.fileOffset(); offset < limitBytes; ) {
            header.clear();
            if (segment.read(header, offset) < BatchDescriptor.HEADER_LENGTH) {
                throw StorageFaults.corrupt("batch header cut short at byte " + offset);
            }
            if (header.getLong(BatchDescriptor.ARRIVAL_MS_OFFSET) >= timestampMs) {
                return header.getLong(BatchDescriptor.BASE_POSITION_OFFSET);
            }
            offset += header.getInt(BatchDescriptor.LENGTH_OFFSET);
        }
        return segment.endPosition();
    }

    /** Deletes whole sealed segments whose newest record arrived before {@code cutoffMs}. */
    @Override
    public void trimOlderThan(long cutoffMs) {
        List<LogSegment> expired = new ArrayList<>();
        appendLock.lock();
        try {
            ensureOpen();
            for (LogSegment segment : segments.values()) {
                if (segment == active || segment.lastArrivalMs() >= cutoffMs) {
                    break;
                }
                expired.add(segment);
            }
            if (expired.isEmpty()) {
                return;
            }
            // Publish the new start before unlinking, so a reader that misses a segment knows where to go.
            startPosition = segments.higherKey(expired.get(expired.size() - 1).basePosition());
            expired.forEach(segment -> segments.remove(segment.basePosition()));
        } finally {
            appendLock.unlock();
        }
        try {
            for (LogSegment segment : expired) {
                segment.delete();
            }
        } catch (IOException e) {
            throw StorageFaults.from("delete expired segment of " + dir, e);
        }
    }

    /**
     * Forces everything written, checkpoints the index of every segment it forced (the newest included, so a
     * clean restart reads no batch), settles every pending future and closes all segment files. Idempotent.
     */
    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            StorageException failure = null;
            for (LogSegment segment : segments.values()) {
                try {
                    // Sealed segments were forced at roll (FSYNC, INTERVAL) or by the checkpointer (NONE, unless
                    // it has not got to them yet); forces are skipped when nothing is new, and so is rewriting an
                    // index that already covers the whole segment.
                    if (segment.hasUnforcedWrites()) {
                        segment.force();
                    }
                    segment.checkpoint();
                } catch (IOException e) {
                    failure = StorageFaults.from("force " + dir + " on close", e);
                }
            }
            settlePending(Long.MAX_VALUE, failure);
            segments.values().forEach(SegmentedShardLog::closeQuietly);
        } finally {
            appendLock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Durable, and encrypts at rest with the store's key ring. */
    @Override
    public LogCapabilities capabilities() {
        return LogCapabilities.LOCAL;
    }

    /** Base position of the segment being appended to, for tests. */
    long activeBasePosition() {
        return active.basePosition();
    }

    /** Number of segment files, for tests and metrics. */
    int segmentCount() {
        return segments.size();
    }

    private void ensureOpen() {
        if (closed) {
            throw StorageFaults.closed("log " + dir);
        }
    }

    private static void closeQuietly(LogSegment segment) {
        segment.close();
    }
}
