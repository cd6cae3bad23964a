package io.millrace.kafka;

import io.millrace.log.ReadResult;
import io.millrace.log.StorageException;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The consumers reads borrow, at most {@code size} of them, created on first need. A read prefers the reader whose
 * previous read it continues (cursor affinity), so sequential pollers keep their fetch position and prefetch.
 *
 * <p>Thread-safe: borrowing and returning synchronise on the pool; a borrowed reader belongs to one thread.
 */
final class ReaderPool implements AutoCloseable {
    private final ClusterClients clients;
    private final int size;
    private final long timeoutMs;
    private final ArrayDeque<PartitionReader> idle = new ArrayDeque<>();
    private final List<PartitionReader> all = new ArrayList<>();
    private boolean closed;

    ReaderPool(ClusterClients clients, int size, long timeoutMs) {
        this.clients = clients;
        this.size = size;
        this.timeoutMs = timeoutMs;
    }

    ReadResult read(TopicPartition partition, long from, long endOffset, int maxRecords, long maxBytes) {
        PartitionReader reader = borrow(partition, from);
        boolean ok = false;
        try {
            ReadResult result = reader.read(partition, from, endOffset, maxRecords, maxBytes, timeoutMs);
            ok = true;
            return result;
        } catch (RuntimeException e) {
            throw ClusterClients.fault("reading " + partition, e);
        } finally {
            if (!ok) {
                reader.reset();
            }
            giveBack(reader);
        }
    }

    private synchronized PartitionReader borrow(TopicPartition partition, long from) {
        long deadlineMs = System.currentTimeMillis() + timeoutMs;
        while (true) {
            if (closed) {
                throw new StorageException(StorageException.Kind.CLOSED, "the Kafka log store is closed", null);
            }
            for (Iterator<PartitionReader> it = idle.iterator(); it.hasNext(); ) {
                PartitionReader reader = it.next();
                if (reader.continues(partition, from)) {
                    it.remove();
                    return reader;
                }
            }
            if (!idle.isEmpty()) {
                return idle.pollLast();
            }
            if (all.size() < size) {
                PartitionReader reader = new PartitionReader(clients.newConsumer(), clients.records());
                all.add(reader);
                return reader;
            }
            long waitMs = deadlineMs - System.currentTimeMillis();
            if (waitMs <= 0) {
                throw new StorageException(StorageException.Kind.IO, "no Kafka reader free within " + timeoutMs
                        + " ms", null);
            }
            try {
                wait(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(StorageException.Kind.IO, "interrupted waiting for a Kafka reader", e);
            }
        }
    }

    private synchronized void giveBack(PartitionReader reader) {
        if (closed) {
            reader.close();
            return;
        }
        // Most recently used first: it is the likeliest to be continued.
        idle.addFirst(reader);
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(PartitionReader::close);
        idle.clear();
        notifyAll();
    }
}
