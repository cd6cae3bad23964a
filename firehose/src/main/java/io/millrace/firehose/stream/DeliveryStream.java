package io.millrace.firehose.stream;

import io.millrace.firehose.buffer.FlushPolicy;
import io.millrace.firehose.buffer.RecordBuffer;
import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.Destination;
import io.millrace.log.ReadResult;
import io.millrace.log.StoredRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One live delivery stream: its current metadata and its durable buffer. Puts append without locking; delivery,
 * configuration changes and deletion take the stream's lock, so an object is always built from one configuration
 * version and nothing is delivered after the stream is gone.
 *
 * <p>Thread-safe.
 */
public final class DeliveryStream {
    private final RecordBuffer buffer;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile DeliveryStreamMetadata metadata;
    private volatile boolean deleted;
    private volatile DeliveryStreamEncryption encryption = DeliveryStreamEncryption.DISABLED;
    private volatile String deliveryFailure;

    DeliveryStream(DeliveryStreamMetadata metadata, RecordBuffer buffer) {
        this.metadata = metadata;
        this.buffer = buffer;
    }

    public DeliveryStreamMetadata metadata() {
        return metadata;
    }

    /** Server-side encryption (Start/StopDeliveryStreamEncryption). */
    public DeliveryStreamEncryption encryption() {
        return encryption;
    }

    void replaceEncryption(DeliveryStreamEncryption next) {
        encryption = next;
    }

    public RecordBuffer buffer() {
        return buffer;
    }

    public boolean isDeleted() {
        return deleted;
    }

    /**
     * Why deliveries of this stream are failing (the last failure's message), or {@code null} while they succeed;
     * DescribeDeliveryStream reports it.
     */
    public String deliveryFailure() {
        return deliveryFailure;
    }

    public void onDeliveryFailed(String reason) {
        deliveryFailure = reason;
    }

    public void onDeliverySucceeded() {
        deliveryFailure = null;
    }

    void replaceMetadata(DeliveryStreamMetadata next) {
        metadata = next;
    }

    void markDeleted() {
        deleted = true;
    }

    ReentrantLock lock() {
        return lock;
    }

    /**
     * Delivers buffered records while the flush policy says so ({@code force}: until the buffer is empty), one
     * object per size-hint-sized chunk. Returns how many objects were delivered; throws when the destination fails,
     * leaving the undelivered records buffered.
     */
    public int deliver(long nowMs, boolean force, Function<DeliveryStreamMetadata, Destination> destinations)
            throws IOException {
        lock.lock();
        try {
            if (deleted) {
                return 0;
            }
            DeliveryStreamMetadata current = metadata;
            FlushPolicy policy = current.flushPolicy();
            Destination destination = destinations.apply(current);
            int delivered = 0;
            while (isDue(policy, nowMs, force)) {
                ReadResult chunk = buffer.readPending(policy.sizeBytes());
                if (chunk.records().isEmpty()) {
                    break;
                }
                destination.deliver(new DeliveryBatch(current.name(), current.versionId(), toBatch(chunk), nowMs,
                        current.arn()));
                buffer.markDelivered(chunk);
                delivered++;
            }
            return delivered;
        } finally {
            lock.unlock();
        }
    }

    private boolean isDue(FlushPolicy policy, long nowMs, boolean force) {
        long pending = buffer.pendingRecords();
        if (pending == 0) {
            return false;
        }
        return force || policy.shouldFlush(buffer.pendingBytes(), pending, buffer.oldestPendingArrivalMs(), nowMs);
    }

    private static List<BufferedRecord> toBatch(ReadResult chunk) {
        List<BufferedRecord> records = new ArrayList<>(chunk.records().size());
        for (StoredRecord record : chunk.records()) {
            records.add(new BufferedRecord(record.arrivalMs(), record.data()));
        }
        return records;
    }
}
