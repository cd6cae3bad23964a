package io.millrace.firehose.buffer;

import io.millrace.log.AppendResult;
import io.millrace.log.LogRecord;
import io.millrace.log.MetadataStore;
import io.millrace.log.ReadResult;
import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A delivery stream's durable buffer: records are appended to a {@link ShardLog}, and the position up to which they
 * have been delivered is a checkpoint in the {@link MetadataStore}, written only after the destination has the
 * records. A crash between delivery and checkpoint therefore delivers those records again: at-least-once.
 *
 * <p>Thread safety: {@link #append} may be called from any thread; the delivery methods ({@link #readPending},
 * {@link #markDelivered}) from one delivering thread at a time (the stream's delivery lock).
 */
public final class RecordBuffer {
    /** Records carry no partition key in Firehose; the log requires one. */
    private static final String NO_KEY = "";
    private static final int MAX_RECORDS_PER_READ = 500_000;

    private final ShardLog log;
    private final MetadataStore metadata;
    private final String checkpointKey;
    private final AtomicLong pendingBytes;
    private volatile long deliveredPosition;

    private RecordBuffer(ShardLog log, MetadataStore metadata, String checkpointKey, long deliveredPosition,
                         long pendingBytes) {
        this.log = log;
        this.metadata = metadata;
        this.checkpointKey = checkpointKey;
        this.deliveredPosition = deliveredPosition;
        this.pendingBytes = new AtomicLong(pendingBytes);
    }

    /**
     * Opens the buffer over {@code log}, resuming from the stored checkpoint. The checkpoint is clamped to the log's
     * end: a log that lost an un-synced tail in a crash must not make later records look delivered.
     */
    public static RecordBuffer open(ShardLog log, MetadataStore metadata, String checkpointKey) {
        byte[] stored = metadata.loadAll().get(checkpointKey);
        long checkpoint = stored == null ? 0 : Long.parseLong(new String(stored, StandardCharsets.US_ASCII));
        long delivered = Math.max(log.startPosition(), Math.min(checkpoint, log.endPosition()));
        return new RecordBuffer(log, metadata, checkpointKey, delivered, countBytes(log, delivered));
    }

    private static long countBytes(ShardLog log, long from) {
        long bytes = 0;
        long position = from;
        while (position < log.endPosition()) {
            ReadResult read = log.read(position, MAX_RECORDS_PER_READ, Long.MAX_VALUE);
            if (read.records().isEmpty()) {
                break;
            }
            for (StoredRecord record : read.records()) {
                bytes += record.data().length;
            }
            position = read.nextPosition();
        }
        return bytes;
    }

    /** Appends one batch; acknowledge the caller only when {@link AppendResult#durable()} completes. */
    public AppendResult append(List<byte[]> records, long nowMs) {
        return append(records, nowMs, null);
    }

    /** As {@link #append(List, long)}, encrypted at rest with {@code encryptionKeyId} unless it is null. */
    public AppendResult append(List<byte[]> records, long nowMs, String encryptionKeyId) {
        List<LogRecord> entries = new ArrayList<>(records.size());
        long bytes = 0;
        for (byte[] data : records) {
            entries.add(new LogRecord(NO_KEY, data));
            bytes += data.length;
        }
        AppendResult result = log.append(entries, nowMs, encryptionKeyId);
        pendingBytes.addAndGet(bytes);
        return result;
    }

    public long pendingRecords() {
        return log.endPosition() - deliveredPosition;
    }

    /** Undelivered bytes (record data only), the measure size hints and buffer caps use. */
    public long pendingBytes() {
        return pendingBytes.get();
    }

    /** Arrival time of the oldest undelivered record, or -1 when none is pending. */
    public long oldestPendingArrivalMs() {
        ReadResult read = log.read(deliveredPosition, 1, Long.MAX_VALUE);
        return read.records().isEmpty() ? -1 : read.records().get(0).arrivalMs();
    }

    /** The oldest undelivered records, in order, up to about {@code maxBytes} (at least one if any is pending). */
    public ReadResult readPending(long maxBytes) {
        return log.read(deliveredPosition, MAX_RECORDS_PER_READ, maxBytes);
    }

    /**
     * Records that everything before {@code nextPosition} is delivered: persists the checkpoint first, then lets the
     * log drop what no longer needs keeping.
     */
    public void markDelivered(ReadResult delivered) {
        long bytes = 0;
        for (StoredRecord record : delivered.records()) {
            bytes += record.data().length;
        }
        metadata.put(checkpointKey, Long.toString(delivered.nextPosition()).getBytes(StandardCharsets.US_ASCII));
        deliveredPosition = delivered.nextPosition();
        pendingBytes.addAndGet(-bytes);
        trimDelivered();
    }

    /**
     * Records arriving later never get an earlier arrival time than {@link ShardLog#lastArrivalMs()}, so trimming
     * before the oldest pending arrival (or before the last arrival when nothing is pending) never drops an
     * undelivered record.
     */
    private void trimDelivered() {
        long oldestPending = oldestPendingArrivalMs();
        long cutoff = oldestPending >= 0 ? oldestPending : log.lastArrivalMs();
        if (cutoff > 0) {
            log.trimOlderThan(cutoff);
        }
    }

    /** Forgets the checkpoint; the caller deletes the log itself. */
    public void discard() {
        metadata.remove(checkpointKey);
    }
}
