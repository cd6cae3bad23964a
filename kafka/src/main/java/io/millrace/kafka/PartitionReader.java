package io.millrace.kafka;

import io.millrace.log.ReadResult;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One consumer reading one partition at a time by {@code assign} + {@code seek}. Records fetched past what a read
 * wanted are kept, so the next read continuing where this one stopped (a sequential poller) is served from them and
 * from the consumer's prefetch, without a seek.
 *
 * <p>Not thread-safe: {@link ReaderPool} lends it to one thread at a time.
 */
final class PartitionReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordCipher records;
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
    private TopicPartition assigned;
    /** The offset a read continuing the previous one would ask for; -1 when unknown. */
    private long nextOffset = -1;

    PartitionReader(KafkaConsumer<byte[], byte[]> consumer, RecordCipher records) {
        this.consumer = consumer;
        this.records = records;
    }

    /** Whether a read of {@code partition} from {@code offset} continues this reader's previous read. */
    boolean continues(TopicPartition partition, long offset) {
        return partition.equals(assigned) && offset == nextOffset;
    }

    /**
     * Reads records at {@code from} up to (excluding) {@code endOffset}, within the limits, as
     * {@link io.millrace.log.ShardLog#read} describes. Records missing because they were deleted are skipped.
     */
    ReadResult read(TopicPartition partition, long from, long endOffset, int maxRecords, long maxBytes,
                    long timeoutMs) {
        position(partition, from);
        List<StoredRecord> out = new ArrayList<>();
        long bytes = 0;
        long next = from;
        long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (out.size() < maxRecords && next < endOffset) {
            ConsumerRecord<byte[], byte[]> record = fetched.peekFirst();
            if (record == null) {
                long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0) {
                    if (out.isEmpty()) {
                        throw new StorageException(StorageException.Kind.IO, "reading " + partition + " from "
                                + from + ": no record within " + timeoutMs + " ms", null);
                    }
                    break;
                }
                consumer.poll(Duration.ofMillis(Math.min(leftMs, 1000))).records(partition).forEach(fetched::add);
                continue;
            }
            if (record.offset() < next) {
                fetched.pollFirst();
                continue;
            }
            if (record.offset() >= endOffset) {
                break;
            }
            StoredRecord stored = records.open(record);
            if (bytes + stored.sizeInBytes() > maxBytes && !out.isEmpty()) {
                break;
            }
            bytes += stored.sizeInBytes();
            out.add(stored);
            fetched.pollFirst();
            next = record.offset() + 1;
        }
        nextOffset = next;
        return new ReadResult(out, next);
    }

    private void position(TopicPartition partition, long from) {
        if (continues(partition, from)) {
            return;
        }
        if (!partition.equals(assigned)) {
            consumer.assign(List.of(partition));
            assigned = partition;
        }
        fetched.clear();
        consumer.seek(partition, from);
    }

    /** Forgets the position, e.g. after a read failed half-way. */
    void reset() {
        fetched.clear();
        nextOffset = -1;
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
