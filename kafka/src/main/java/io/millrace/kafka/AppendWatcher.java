package io.millrace.kafka;

import io.millrace.log.AppendWatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells this gateway's subscribers promptly about records other gateways appended: one thread and one consumer per
 * gateway, assigned exactly the partitions someone watches, long-polling them. A fetch with {@code fetch.min.bytes=1}
 * is answered by the broker as soon as a record lands, so a watcher hears of it within a round trip instead of at the
 * next offsets refresh. The records fetched are only used for their offsets: the watched log learns its new end
 * ({@link KafkaShardLog#onObservedEnd}) and the subscription then reads as usual.
 *
 * <p>The fetch wait is short (100 ms) because the consumer sends one fetch per broker at a time: a partition that
 * starts being watched joins the next fetch, so this bounds how late its first wake can be.
 *
 * <p>Thread safety: {@link #watch} and closing a watch may be called from any thread (they change the watched set
 * under the instance's monitor and wake the poller); the poller thread alone uses the consumer.
 */
final class AppendWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppendWatcher.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final long RETRY_MS = 200;

    /** One watched partition: its log and who listens, and where reading starts when it is newly assigned. */
    private record Watched(KafkaShardLog log, Set<Runnable> listeners, long startOffset) {
    }

    private final ClusterClients clients;
    private final Map<TopicPartition, Watched> watched = new ConcurrentHashMap<>();
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private boolean changed;
    private volatile boolean closed;

    AppendWatcher(ClusterClients clients) {
        this.clients = clients;
    }

    /** Calls {@code listener} whenever records at or past the log's current end are fetched. */
    synchronized AppendWatch watch(KafkaShardLog log, Runnable listener) {
        if (closed) {
            return AppendWatch.NONE;
        }
        watched.computeIfAbsent(log.partition(),
                p -> new Watched(log, new CopyOnWriteArraySet<>(), log.endPosition())).listeners().add(listener);
        onChanged();
        return () -> unwatch(log.partition(), listener);
    }

    private synchronized void unwatch(TopicPartition partition, Runnable listener) {
        Watched entry = watched.get(partition);
        if (entry != null && entry.listeners().remove(listener) && entry.listeners().isEmpty()) {
            watched.remove(partition);
            onChanged();
        }
    }

    /** Makes the poller re-read the watched set; starts it on first use, so an unused watcher costs nothing. */
    private void onChanged() {
        changed = true;
        if (thread == null) {
            consumer = clients.newConsumer(Map.of(
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1,
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024));
            thread = new Thread(this::run, "millrace-kafka-append-watcher");
            thread.setDaemon(true);
            thread.start();
        } else {
            consumer.wakeup();
        }
        notifyAll();
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        while (!closed) {
            try {
                assigned = reassignIfChanged(assigned);
                if (!assigned.isEmpty()) {
                    dispatch(consumer.poll(POLL));
                }
            } catch (WakeupException e) {
                // the watched set changed, or close()
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("Watching Kafka partitions for appends failed; retrying", e);
                    pause(RETRY_MS);
                }
            }
        }
        consumer.close(Duration.ZERO);
    }

    /** Applies the watched set, or waits for one when nothing is watched. Returns what is assigned now. */
    private Set<TopicPartition> reassignIfChanged(Set<TopicPartition> assigned) {
        Map<TopicPartition, Long> added = new HashMap<>();
        Set<TopicPartition> wanted;
        synchronized (this) {
            while (!changed && watched.isEmpty() && !closed) {
                waitQuietly();
            }
            if (!changed || closed) {
                return assigned;
            }
            changed = false;
            wanted = new HashSet<>(watched.keySet());
            for (TopicPartition partition : wanted) {
                if (!assigned.contains(partition)) {
                    added.put(partition, watched.get(partition).startOffset());
                }
            }
        }
        // assign() keeps the positions of partitions that stay assigned.
        consumer.assign(List.copyOf(wanted));
        added.forEach(consumer::seek);
        return wanted;
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> fetched = records.records(partition);
            Watched entry = watched.get(partition);
            if (entry == null || fetched.isEmpty()) {
                continue;
            }
            entry.log().onObservedEnd(fetched.get(fetched.size() - 1).offset() + 1);
            for (Runnable listener : entry.listeners()) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.error("An append listener of {} failed", partition, e);
                }
            }
        }
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
            watched.clear();
            if (consumer != null) {
                consumer.wakeup();
            }
            notifyAll();
        }
        if (running != null) {
            try {
                running.join(clients.config().requestTimeoutMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
