package io.millrace.kafka;

import io.millrace.log.AppendResult;
import io.millrace.log.AppendWatch;
import io.millrace.log.AppendedBatch;
import io.millrace.log.LogCapabilities;
import io.millrace.log.LogRecord;
import io.millrace.log.ReadResult;
import io.millrace.log.SealableLog;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import io.millrace.log.crypto.MasterKey;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * One shard's log as one Kafka partition, used by that shard alone. Position = Kafka offset (dense: an idempotent,
 * non-transactional producer writes no control records, and the topic is never compacted); arrival time = the
 * broker's {@code LogAppendTime}, which the acknowledgement reports, so positions and arrival times come with
 * {@link AppendResult#durable()}.
 *
 * <p>The partition's start and end offsets are read from the broker at most every
 * {@link KafkaLogConfig#offsetsCacheMs()} and combined with what this gateway's own acknowledgements show, so its
 * own writes are visible at once and other writers' within that time, or at once for a watched log
 * ({@link #watchAppends}: the gateway's {@link AppendWatcher} raises the known end as it fetches). The arrival times of the first and the newest
 * record are cached by position, so {@link #positionForTimestamp} and {@link #trimOlderThan} usually answer without
 * a call to the broker.
 *
 * <p>Thread safety: all methods may be called from any thread. Appends are serialised so the records of one append
 * are sent back to back; offsets and arrivals are published through volatile snapshots.
 */
final class KafkaShardLog implements ShardLog, SealableLog {
    /** Durable and encrypting at rest (sealed records), but every read is a fetch from the brokers. */
    private static final LogCapabilities CAPABILITIES = new LogCapabilities(true, true, false);
    /** Pause between two tries to read the offsets of a partition whose topic metadata has not spread yet. */
    private static final long METADATA_RETRY_NS = 50_000_000L;

    private final ClusterClients clients;
    private final KafkaMetadataStore metadata;
    private final AppendWatcher appendWatcher;
    private final TopicPartition partition;
    private final Object appendLock = new Object();
    private final Object refreshLock = new Object();
    /** One past the highest offset this gateway has had acknowledged or has seen fetched. */
    private final AtomicLong ackedEnd = new AtomicLong();
    private volatile Offsets offsets;
    /** Arrival of the record at the newest position known to be written; null when unknown. */
    private volatile Arrival newest;
    /** Arrival of the first record stored; null when unknown. */
    private volatile Arrival oldest;
    private volatile boolean closed;

    /** The partition's offsets as last read from the broker, and when. */
    private record Offsets(long start, long end, long readAtNs) {
    }

    /** The arrival time of the record at {@code position}. */
    private record Arrival(long position, long arrivalMs) {
    }

    KafkaShardLog(ClusterClients clients, KafkaMetadataStore metadata, AppendWatcher appendWatcher,
                  TopicPartition partition) {
        this.clients = clients;
        this.metadata = metadata;
        this.appendWatcher = appendWatcher;
        this.partition = partition;
        this.offsets = readOffsets();
    }

    TopicPartition partition() {
        return partition;
    }

    @Override
    public AppendResult append(List<LogRecord> records, long nowMs) {
        return append(records, nowMs, record -> RecordCipher.plain(partition.topic(), partition.partition(), record));
    }

    /** Seals every record under a one-time key derived from the newest version of {@code encryptionKeyId}. */
    @Override
    public AppendResult append(List<LogRecord> records, long nowMs, String encryptionKeyId) {
        if (encryptionKeyId == null) {
            return append(records, nowMs);
        }
        RecordCipher cipher = clients.records();
        MasterKey key = cipher.keys().newest(encryptionKeyId);
        return append(records, nowMs, record -> cipher.sealed(partition.topic(), partition.partition(), record, key));
    }

    @Override
    public LogCapabilities capabilities() {
        return CAPABILITIES;
    }

    private AppendResult append(List<LogRecord> records, long nowMs,
                                Function<LogRecord, ProducerRecord<byte[], byte[]>> toMessage) {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "log " + partition + " is closed", null);
        }
        if (!records.isEmpty() && metadata.seals().sealingOrSealed(partition)) {
            throw new StorageException(StorageException.Kind.IO, "log " + partition + " is sealed: its shard "
                    + "is closing", null);
        }
        if (records.isEmpty()) {
            return new AppendResult(CompletableFuture.completedFuture(
                    AppendedBatch.contiguous(endPosition(), Math.max(nowMs, lastArrivalMs()))));
        }
        int count = records.size();
        long[] positions = new long[count];
        long[] arrivalsMs = new long[count];
        AtomicInteger pending = new AtomicInteger(count);
        CompletableFuture<AppendedBatch> landed = new CompletableFuture<>();
        synchronized (appendLock) {
            for (int i = 0; i < count; i++) {
                LogRecord record = records.get(i);
                int index = i;
                ProducerRecord<byte[], byte[]> message = toMessage.apply(record);
                try {
                    clients.producer().send(message, (metadata, failure) -> onAcknowledged(metadata, failure, index,
                            positions, arrivalsMs, pending, landed));
                } catch (RuntimeException e) {
                    StorageException fault = ClusterClients.fault("appending to " + partition, e);
                    if (i == 0) {
                        throw fault; // nothing was sent
                    }
                    landed.completeExceptionally(fault); // some records were sent: they may land, unacknowledged
                    break;
                }
            }
        }
        return new AppendResult(landed);
    }

    /** Runs on the producer's I/O thread: records one acknowledgement and completes the batch after the last. */
    private void onAcknowledged(RecordMetadata metadata, Exception failure, int index, long[] positions,
                                long[] arrivalsMs, AtomicInteger pending, CompletableFuture<AppendedBatch> landed) {
        if (failure != null) {
            landed.completeExceptionally(ClusterClients.fault("appending to " + partition, failure));
        } else {
            positions[index] = metadata.offset();
            arrivalsMs[index] = metadata.timestamp();
            ackedEnd.accumulateAndGet(metadata.offset() + 1, Math::max);
            Arrival known = newest;
            if (known == null || known.position() < metadata.offset()) {
                newest = new Arrival(metadata.offset(), metadata.timestamp());
            }
        }
        if (pending.decrementAndGet() == 0 && !landed.isDone()) {
            long last = 0;
            for (long position : positions) {
                last = Math.max(last, position);
            }
            // The lease fence: acknowledged only if no gateway can have fixed this shard's end below it.
            this.metadata.seals().admit(partition, last).whenComplete((admitted, refused) -> {
                if (refused != null) {
                    landed.completeExceptionally(refused);
                } else {
                    landed.complete(AppendedBatch.ofEach(positions, arrivalsMs));
                }
            });
        }
    }

    @Override
    public ReadResult read(long fromPosition, int maxRecords, long maxBytes) {
        long end = endPosition();
        long from = Math.max(fromPosition, startPosition());
        if (from >= end || maxRecords <= 0) {
            return new ReadResult(List.of(), from);
        }
        return clients.readers().read(partition, from, end, maxRecords, maxBytes);
    }

    @Override
    public long endPosition() {
        Long sealedEnd = metadata.seals().sealedEnd(partition);
        if (sealedEnd != null) {
            return sealedEnd; // records past it were never acknowledged and are never read
        }
        return Math.max(ackedEnd.get(), currentOffsets().end());
    }

    @Override
    public AppendWatch watchAppends(Runnable listener) {
        return appendWatcher.watch(this, listener);
    }

    /** Records below {@code end} were fetched, so they are committed and readable: the end is at least there. */
    void onObservedEnd(long end) {
        ackedEnd.accumulateAndGet(end, Math::max);
    }

    @Override
    public long seal() {
        return metadata.seal(partition);
    }

    @Override
    public boolean sealed() {
        return metadata.seals().sealedEnd(partition) != null;
    }

    @Override
    public long startPosition() {
        return Math.min(currentOffsets().start(), endPosition());
    }

    @Override
    public long lastArrivalMs() {
        long end = endPosition();
        Arrival known = newest;
        if (end == 0 || (known != null && known.position() >= end - 1)) {
            return known == null ? -1 : known.arrivalMs();
        }
        // Written by another writer (or before a restart): the newest record tells.
        List<StoredRecord> last = read(end - 1, 1, Long.MAX_VALUE).records();
        if (last.isEmpty()) {
            return known == null ? -1 : known.arrivalMs();
        }
        StoredRecord record = last.get(0);
        newest = new Arrival(record.position(), record.arrivalMs());
        return record.arrivalMs();
    }

    @Override
    public long positionForTimestamp(long timestampMs) {
        long start = startPosition();
        long end = endPosition();
        if (start >= end) {
            return end;
        }
        Arrival first = oldestArrival(start);
        if (first == null || timestampMs <= first.arrivalMs()) {
            return first == null ? end : first.position();
        }
        if (timestampMs > lastArrivalMs()) {
            return end;
        }
        // LogAppendTime keeps the partition's time index in order, so the broker's answer is exact.
        ListOffsetsResult.ListOffsetsResultInfo found = clients.await(clients.admin()
                .listOffsets(Map.of(partition, OffsetSpec.forTimestamp(timestampMs))).partitionResult(partition),
                "finding " + timestampMs + " in " + partition);
        return found.offset() < 0 ? end : Math.min(Math.max(found.offset(), start), end);
    }

    @Override
    public void trimOlderThan(long cutoffMs) {
        long start = startPosition();
        long end = endPosition();
        if (start >= end) {
            return;
        }
        Arrival first = oldestArrival(start);
        if (first == null || cutoffMs <= first.arrivalMs()) {
            return; // the common case, answered from the cache: nothing has expired yet
        }
        long keepFrom = positionForTimestamp(cutoffMs);
        if (keepFrom <= start) {
            return;
        }
        long lowWatermark = clients.await(clients.admin()
                .deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(keepFrom))).lowWatermarks()
                .get(partition), "trimming " + partition).lowWatermark();
        Offsets known = offsets;
        offsets = new Offsets(Math.max(known.start(), lowWatermark), known.end(), known.readAtNs());
        oldest = null;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The arrival of the first stored record at or after {@code start}; null when none is readable. */
    private Arrival oldestArrival(long start) {
        Arrival known = oldest;
        if (known != null && known.position() >= start) {
            return known;
        }
        List<StoredRecord> first = read(start, 1, Long.MAX_VALUE).records();
        if (first.isEmpty()) {
            return null;
        }
        Arrival found = new Arrival(first.get(0).position(), first.get(0).arrivalMs());
        oldest = found;
        return found;
    }

    private Offsets currentOffsets() {
        Offsets known = offsets;
        long cacheNs = clients.config().offsetsCacheMs() * 1_000_000L;
        if (System.nanoTime() - known.readAtNs() < cacheNs) {
            return known;
        }
        synchronized (refreshLock) {
            known = offsets;
            if (System.nanoTime() - known.readAtNs() < cacheNs) {
                return known;
            }
            Offsets read = readOffsets();
            offsets = new Offsets(Math.max(read.start(), known.start()), read.end(), read.readAtNs());
            return offsets;
        }
    }

    private Offsets readOffsets() {
        long deadlineNs = System.nanoTime() + clients.config().requestTimeoutMs() * 1_000_000L;
        while (true) {
            try {
                return readOffsetsOnce();
            } catch (StorageException e) {
                // Kafka spreads a new topic's metadata to the brokers asynchronously, so a topic or partition this
                // or another gateway has just created can be unknown for a moment; it is there once that is done.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadlineNs) {
                    throw e;
                }
                LockSupport.parkNanos(METADATA_RETRY_NS);
            }
        }
    }

    private Offsets readOffsetsOnce() {
        long readAtNs = System.nanoTime();
        KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo> start = clients.admin()
                .listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition);
        KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo> end = clients.admin()
                .listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition);
        String what = "reading the offsets of " + partition;
        return new Offsets(clients.await(start, what).offset(), clients.await(end, what).offset(), readAtNs);
    }
}
