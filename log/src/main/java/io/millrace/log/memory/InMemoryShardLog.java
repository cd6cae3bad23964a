package io.millrace.log.memory;

import io.millrace.log.AppendResult;
import io.millrace.log.LogCapabilities;
import io.millrace.log.LogRecord;
import io.millrace.log.ReadResult;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import io.millrace.log.crypto.KeyRing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ShardLog} held on the heap, for {@code --in-memory} and for engine tests. Nothing survives the process.
 * Thread safety: all methods synchronise on the log; reads copy references only.
 */
public final class InMemoryShardLog implements ShardLog {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ArrayList<StoredRecord> records = new ArrayList<>();
    private final KeyRing keyRing;
    private long startPosition;
    private long lastArrivalMs = -1;
    private boolean closed;

    /** A log whose every key id is refused, as a backend without a key ring. */
    public InMemoryShardLog() {
        this(KeyRing.empty());
    }

    /** A log that checks key ids against {@code keyRing} (nothing is encrypted: nothing is at rest). */
    public InMemoryShardLog(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Override
    public synchronized AppendResult append(List<LogRecord> batch, long nowMs) {
        return append(batch, nowMs, null);
    }

    /** Keeps the key id with the records, so reads report them encrypted as the durable log does. */
    @Override
    public synchronized AppendResult append(List<LogRecord> batch, long nowMs, String encryptionKeyId) {
        if (encryptionKeyId != null) {
            keyRing.newest(encryptionKeyId); // KEY_UNAVAILABLE, as the durable log, for a key it does not have
        }
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "log is closed", null);
        }
        long arrivalMs = Math.max(nowMs, lastArrivalMs);
        long first = endPosition();
        long position = first;
        for (LogRecord record : batch) {
            records.add(new StoredRecord(position++, arrivalMs, record.partitionKey(), record.data(), encryptionKeyId));
        }
        if (!batch.isEmpty()) {
            lastArrivalMs = arrivalMs;
        }
        return new AppendResult(first, arrivalMs, DONE);
    }

    @Override
    public synchronized ReadResult read(long fromPosition, int maxRecords, long maxBytes) {
        long position = Math.max(fromPosition, startPosition);
        List<StoredRecord> out = new ArrayList<>();
        long bytes = 0;
        while (position < endPosition() && out.size() < maxRecords) {
            StoredRecord record = records.get((int) (position - startPosition));
            bytes += record.sizeInBytes();
            if (bytes > maxBytes && !out.isEmpty()) {
                break;
            }
            out.add(record);
            position++;
        }
        return new ReadResult(out, position);
    }

    @Override
    public synchronized long endPosition() {
        return startPosition + records.size();
    }

    @Override
    public synchronized long startPosition() {
        return startPosition;
    }

    @Override
    public synchronized long lastArrivalMs() {
        return lastArrivalMs;
    }

    @Override
    public synchronized long positionForTimestamp(long timestampMs) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (records.get(mid).arrivalMs() < timestampMs) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return startPosition + low;
    }

    @Override
    public synchronized void trimOlderThan(long cutoffMs) {
        int drop = (int) (positionForTimestamp(cutoffMs) - startPosition);
        if (drop > 0) {
            records.subList(0, drop).clear();
            records.trimToSize();
            startPosition += drop;
        }
    }

    @Override
    public LogCapabilities capabilities() {
        return LogCapabilities.VOLATILE;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
