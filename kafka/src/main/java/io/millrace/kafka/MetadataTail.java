package io.millrace.kafka;

import io.millrace.log.SharedMetadata.Listener;
import io.millrace.log.SharedMetadata.Versioned;
import io.millrace.log.StorageException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * This gateway's reader of the metadata topic: one thread that follows the partition from its start, keeps every
 * entry in memory and decides, for versioned entries, which proposals win. The decision rule is a pure function of
 * the topic's order, so every gateway reaches the same one without talking to the others: a proposal of version v
 * for a key wins when v is above the key's current version (a proposal is made from version v-1, so it wins exactly
 * when nothing else was accepted for that key since its author read it).
 *
 * <p>After reading up to the end offset it asked the broker for, the reader records when it asked
 * ({@link #freshAtNs()}): every record acknowledged before that instant has been applied. Writers use it as their
 * lease (see {@link PartitionSeals}).
 *
 * <p>Thread safety: the reader thread alone applies records, under {@link #applyLock}; the maps are concurrent;
 * waiting callers are woken through the monitor {@link #progress}.
 */
final class MetadataTail implements AutoCloseable {
    static final String VERSION_HEADER = "mr-version";
    static final String KEY_HEADER = "mr-key";
    static final String PROPOSAL_HEADER = "mr-proposal";
    static final String REMOVED_HEADER = "mr-removed";
    private static final Logger LOG = LoggerFactory.getLogger(MetadataTail.class);
    /** The longest wait between two attempts at telling a listener of a change. */
    private static final long MAX_RETRY_BACKOFF_MS = 1_000;

    private record Watch(String prefix, Listener listener) {
    }

    /**
     * How a proposal was decided, and the record that decision made garbage: the proposal's own record when it lost,
     * the superseded winner's when it won ({@code null} when there was none).
     */
    record Decision(boolean won, String garbageRecordKey) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final GatewayLease lease;
    private final Duration timeout;
    private final BiConsumer<String, byte[]> plainListener;
    private final Runnable roundListener;
    private final Thread thread;
    private final Object applyLock = new Object();
    private final Object progress = new Object();
    private final Map<String, byte[]> plain = new ConcurrentHashMap<>();
    private final Map<String, Versioned> versioned = new ConcurrentHashMap<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Decision>> proposals = new ConcurrentHashMap<>();
    /** The record key of each versioned entry's current winner. */
    private final Map<String, String> winnerRecords = new ConcurrentHashMap<>();
    /** Records that lost or were superseded and have no tombstone yet: safe to compact away at any time. */
    private final java.util.Set<String> garbage = ConcurrentHashMap.newKeySet();
    private volatile long appliedEnd;
    /** Long before any lease could hold, without the overflow {@code Long.MIN_VALUE} would cause. */
    private volatile long freshAtNs = System.nanoTime() - Long.MAX_VALUE / 4;
    private volatile boolean closed;
    private volatile boolean started;

    MetadataTail(ClusterClients clients, TopicPartition partition, GatewayLease lease,
                 BiConsumer<String, byte[]> plainListener, Runnable roundListener) {
        // A fetch at the end of the topic waits for news as long as a poll does (the read-oriented 10 ms made an idle
        // gateway and its broker trade about a hundred empty fetches a second). It waits no longer: the broker answers
        // a connection's requests in order, so the end-offset request of the next round queues behind it.
        this.consumer = clients.newConsumer(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                (int) Math.min(lease.pollMs(), Integer.MAX_VALUE)));
        this.partition = partition;
        this.lease = lease;
        this.timeout = Duration.ofMillis(clients.config().requestTimeoutMs());
        this.plainListener = plainListener;
        this.roundListener = roundListener;
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        this.thread = new Thread(this::run, "millrace-metadata-" + partition.topic());
        thread.setDaemon(true);
    }

    /** Starts reading and returns once everything written before the call has been applied. */
    void start() {
        long startedNs = System.nanoTime();
        started = true;
        thread.start();
        awaitFresh(startedNs, timeout.toMillis());
    }

    long freshAtNs() {
        return freshAtNs;
    }

    /** How many fetches the reader's consumer has made (its {@code fetch-total} metric), for tests of its pace. */
    double fetchCount() {
        return consumer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("fetch-total")
                        && e.getKey().group().equals("consumer-fetch-manager-metrics")
                        && !e.getKey().tags().containsKey("topic"))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    GatewayLease lease() {
        return lease;
    }

    Versioned current(String key) {
        return versioned.getOrDefault(key, Versioned.ABSENT);
    }

    /** Every entry applied so far: the plain ones and the versioned ones that have a value. */
    Map<String, byte[]> snapshot() {
        Map<String, byte[]> entries = new HashMap<>(plain);
        versioned.forEach((key, entry) -> {
            if (entry.value() != null) {
                entries.put(key, entry.value());
            }
        });
        return entries;
    }

    void watch(String prefix, Listener listener) {
        synchronized (applyLock) {
            versioned.forEach((key, entry) -> {
                if (key.startsWith(prefix) && entry.value() != null) {
                    listener.onChanged(key, entry.version(), entry.value());
                }
            });
            watches.add(new Watch(prefix, listener));
        }
    }

    /** Registers a proposal about to be sent; the future tells whether it won once the reader reaches it. */
    CompletableFuture<Decision> expect(String proposalId) {
        CompletableFuture<Decision> outcome = new CompletableFuture<>();
        proposals.put(proposalId, outcome);
        return outcome;
    }

    void forget(String proposalId) {
        proposals.remove(proposalId);
    }

    /** The record keys of losing and superseded proposals read so far that no tombstone has followed yet. */
    List<String> garbage() {
        return List.copyOf(garbage);
    }

    /** Waits until every record below {@code offset} has been applied. */
    void awaitApplied(long offset) {
        await(() -> appliedEnd >= offset, timeout.toMillis(), "reading metadata up to offset " + offset);
    }

    /** Waits until a catch-up that started at or after {@code sinceNs} has completed. */
    void awaitFresh(long sinceNs, long timeoutMs) {
        await(() -> freshAtNs - sinceNs >= 0, timeoutMs, "catching up with the metadata topic");
    }

    private void await(java.util.function.BooleanSupplier done, long timeoutMs, String what) {
        long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        synchronized (progress) {
            while (!done.getAsBoolean()) {
                long leftNs = deadlineNs - System.nanoTime();
                if (closed || leftNs <= 0) {
                    throw new StorageException(closed ? StorageException.Kind.CLOSED : StorageException.Kind.IO,
                            what + (closed ? ": the metadata store is closed" : ": timed out"), null);
                }
                try {
                    progress.wait(Math.max(1, leftNs / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException(StorageException.Kind.IO, what + ": interrupted", e);
                }
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                long startedNs = System.nanoTime();
                long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
                while (!closed && consumer.position(partition, timeout) < end) {
                    apply(consumer.poll(Duration.ofMillis(lease.pollMs())));
                }
                freshAtNs = startedNs;
                signal();
                roundListener.run();
                apply(consumer.poll(Duration.ofMillis(lease.pollMs())));
            } catch (WakeupException e) {
                // close() woke the reader
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("Reading metadata from {} failed; retrying", partition, e);
                    sleepQuietly(lease.pollMs());
                }
            }
        }
        consumer.close(Duration.ZERO);
        signal();
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        synchronized (applyLock) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                try {
                    applyRecord(record);
                } catch (RuntimeException e) {
                    if (closed) {
                        throw e;
                    }
                    // A record this reader cannot parse is skipped alone: throwing would drop the rest of the
                    // batch, which the consumer has already moved past.
                    LOG.error("Skipping metadata record {} of {}: it cannot be applied", record.offset(), partition, e);
                }
                appliedEnd = record.offset() + 1;
            }
        }
        signal();
    }

    private void applyRecord(ConsumerRecord<byte[], byte[]> record) {
        Header version = record.headers().lastHeader(VERSION_HEADER);
        if (version != null) {
            applyProposal(record, ByteBuffer.wrap(version.value()).getLong());
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            garbage.remove(key);
            plain.remove(key);
        } else {
            plain.put(key, record.value());
        }
        tell(key, () -> plainListener.accept(key, record.value()));
    }

    private void applyProposal(ConsumerRecord<byte[], byte[]> record, long version) {
        String key = text(record, KEY_HEADER);
        String proposalId = text(record, PROPOSAL_HEADER);
        boolean removed = record.headers().lastHeader(REMOVED_HEADER) != null;
        boolean wins = version > current(key).version();
        String recordKey = new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = removed ? null : record.value();
        if (wins) {
            for (Watch watch : watches) {
                if (key.startsWith(watch.prefix())) {
                    tell(key, () -> watch.listener().onChanged(key, version, value));
                }
            }
        }
        String garbageRecordKey = recordKey;
        if (wins) {
            garbageRecordKey = winnerRecords.put(key, recordKey);
            // Published after the listeners, never before: a writer reads the version and then a view the listeners
            // feed, and a version newer than that view would let it propose a change computed on a stale value, and
            // win (a lost update). A view newer than the version only makes the proposal lose.
            versioned.put(key, new Versioned(version, value));
        }
        if (garbageRecordKey != null) {
            garbage.add(garbageRecordKey);
        }
        CompletableFuture<Decision> outcome = proposalId == null ? null : proposals.remove(proposalId);
        if (outcome != null) {
            outcome.complete(new Decision(wins, garbageRecordKey));
        }
    }

    /**
     * Tells a listener of the change to {@code key}, again and again while it fails for a reason that may pass (the
     * cluster unreachable or slow, say while a stream's topic is created): a view that missed a change would answer
     * from it until the entry changed again. Meanwhile the reader does not advance, so this gateway's lease lapses and
     * it stops acknowledging records ({@link PartitionSeals}) instead of acting on a stale view. A failure that
     * cannot pass (a bug, a value it cannot parse) is logged and that listener misses the change, so that one bad
     * record does not stop every gateway.
     */
    private void tell(String key, Runnable listenerCall) {
        long backoffMs = lease.pollMs();
        for (int attempt = 1; ; attempt++) {
            try {
                listenerCall.run();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    throw new StorageException(StorageException.Kind.CLOSED, "the metadata store is closed", e);
                }
                if (!mayPass(e)) {
                    LOG.error("A metadata listener failed on {}; it misses this change", key, e);
                    return;
                }
                LOG.warn("A metadata listener failed on {} (attempt {}); retrying in {} ms", key, attempt, backoffMs,
                        e);
                signal(); // callers waiting for the records before this one need not wait for it
                sleepQuietly(backoffMs);
                backoffMs = Math.min(2 * backoffMs, MAX_RETRY_BACKOFF_MS);
            }
        }
    }

    /** Whether a listener's failure may pass if the same change is told again: a storage or cluster fault. */
    static boolean mayPass(RuntimeException failure) {
        if (failure instanceof StorageException storage) {
            return storage.kind() == StorageException.Kind.IO || storage.kind() == StorageException.Kind.STORAGE_FULL;
        }
        return failure instanceof RetriableException;
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }

    private void signal() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (started) {
            consumer.wakeup();
            try {
                thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ZERO);
        }
        proposals.values().forEach(p -> p.completeExceptionally(
                new StorageException(StorageException.Kind.CLOSED, "the metadata store is closed", null)));
    }
}
