package io.millrace.kafka;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;
import io.millrace.log.StorageException;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The metadata store on a single-partition compacted topic ({@code <prefix>metadata}) that every gateway of a
 * cluster shares. Each gateway follows the topic continuously ({@link MetadataTail}), so it sees the others' changes
 * within a poll interval.
 * <ul>
 *   <li>Plain entries: key = entry key (UTF-8), value = entry bytes, a tombstone for a removal. {@link #loadAll()}
 *       waits until the reader has passed the end offset current at the call, so it sees every acknowledged write,
 *       whichever gateway made it.
 *   <li>Versioned entries ({@link SharedMetadata}): each proposal is a record of its own (key = entry key, a NUL and
 *       a proposal id, so compaction never drops an accepted proposal for a later refused one) whose headers carry
 *       the entry key and the proposed version; the reader decides the winner by topic order.
 *   <li>The seal markers of {@link PartitionSeals}.
 * </ul>
 * The topic compacts: once a proposal is decided, its author tombstones its record if it lost, or the record it
 * superseded if it won (see {@link #tombstone}); the record deciding each entry's state, removals included, stays.
 *
 * <p>Thread safety: all methods may be called from any thread (the producer is thread-safe; the reader owns its
 * consumer).
 */
public final class KafkaMetadataStore implements MetadataStore, SharedMetadata {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaMetadataStore.class);
    private final ClusterClients clients;
    private final TopicPartition partition;
    private final PartitionSeals seals;
    private final MetadataTail tail;
    private final String gatewayId = UUID.randomUUID().toString();
    private volatile boolean closed;

    /** This gateway's reader of the metadata topic. */
    MetadataTail tail() {
        return tail;
    }

    private KafkaMetadataStore(ClusterClients clients, TopicPartition partition, GatewayLease lease) {
        this.clients = clients;
        this.partition = partition;
        PartitionSeals[] sealsHolder = new PartitionSeals[1];
        this.tail = new MetadataTail(clients, partition, lease, (key, value) -> sealsHolder[0].onEntry(key, value),
                () -> sealsHolder[0].onCaughtUp());
        this.seals = new PartitionSeals(tail::freshAtNs, lease);
        sealsHolder[0] = seals;
    }

    static KafkaMetadataStore open(ClusterClients clients, TopicReplication replication, GatewayLease lease) {
        String topic = TopicNames.metadataTopic(clients.config().topicPrefix());
        NewTopic newTopic = replication.newTopic(topic, 1, compaction());
        try {
            clients.await(clients.admin().createTopics(List.of(newTopic)).all(), "creating topic " + topic);
        } catch (StorageException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            applyCompaction(clients, topic);
        }
        KafkaMetadataStore store = new KafkaMetadataStore(clients, new TopicPartition(topic, 0), lease);
        try {
            store.tail.start();
            store.sweep();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * The metadata topic's settings. Compaction keeps the newest record of each key and drops tombstoned ones, but
     * only in closed segments, so segments roll hourly rather than weekly; a record stays uncompacted for ten minutes,
     * far longer than any gateway's reader lags, so a reader never skips a record whose decision it still needs;
     * tombstones stay a day, so a gateway that was down for less still reads them.
     */
    static Map<String, String> compaction() {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(60 * 60_000L),
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(10 * 60_000L),
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1",
                TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(24 * 60 * 60_000L),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(KafkaLogStore.MAX_MESSAGE_BYTES));
    }

    /** Brings a topic created by an earlier version to {@link #compaction()}; a cluster that refuses only warns. */
    private static void applyCompaction(ClusterClients clients, String topic) {
        List<AlterConfigOp> ops = compaction().entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        try {
            clients.await(clients.admin().incrementalAlterConfigs(
                    Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops)).all(), "configuring " + topic);
        } catch (StorageException e) {
            LOG.warn("Could not set the compaction settings of {}; superseded metadata may stay longer", topic, e);
        }
    }

    PartitionSeals seals() {
        return seals;
    }

    @Override
    public Map<String, byte[]> loadAll() {
        checkOpen();
        tail.awaitApplied(endOffset());
        return tail.snapshot();
    }

    @Override
    public void put(String key, byte[] value) {
        write(key, value.clone());
    }

    @Override
    public void remove(String key) {
        write(key, null);
    }

    @Override
    public void watch(String keyPrefix, Listener listener) {
        checkOpen();
        tail.watch(keyPrefix, listener);
    }

    @Override
    public Versioned current(String key) {
        return tail.current(key);
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, byte[] value) {
        checkOpen();
        String proposalId = gatewayId + "/" + UUID.randomUUID();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(partition.topic(), partition.partition(),
                (key + '\0' + proposalId).getBytes(StandardCharsets.UTF_8),
                value == null ? new byte[0] : value.clone());
        record.headers().add(MetadataTail.KEY_HEADER, key.getBytes(StandardCharsets.UTF_8));
        record.headers().add(MetadataTail.PROPOSAL_HEADER, proposalId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(MetadataTail.VERSION_HEADER,
                ByteBuffer.allocate(Long.BYTES).putLong(expectedVersion + 1).array());
        if (value == null) {
            record.headers().add(MetadataTail.REMOVED_HEADER, new byte[] {1});
        }
        CompletableFuture<MetadataTail.Decision> outcome = tail.expect(proposalId);
        String what = "writing metadata " + key;
        MetadataTail.Decision decision;
        try {
            clients.await(clients.producer().send(record), what);
            decision = clients.await(outcome, what);
        } catch (RuntimeException e) {
            throw ClusterClients.fault(what, e);
        } finally {
            tail.forget(proposalId);
        }
        if (decision.garbageRecordKey() != null) {
            tombstone(decision.garbageRecordKey());
        }
        return decision.won();
    }

    /**
     * Lets compaction drop a record that lost or was superseded. Safe at any moment: the entry's state is that of the
     * first record with the highest version, which is never such a record. Sent without waiting: a tombstone that
     * does not land leaves garbage that the next start-up sweeps ({@link #sweep()}), nothing worse.
     */
    private void tombstone(String recordKey) {
        try {
            clients.producer().send(new ProducerRecord<>(partition.topic(), partition.partition(),
                    recordKey.getBytes(StandardCharsets.UTF_8), null));
        } catch (RuntimeException e) {
            LOG.debug("Tombstoning metadata record {} failed; the next start-up retries", recordKey, e);
        }
    }

    /** Tombstones the garbage a gateway left when it stopped between a decision and its tombstone. */
    private void sweep() {
        List<String> garbage = tail.garbage();
        garbage.forEach(this::tombstone);
        if (!garbage.isEmpty()) {
            LOG.debug("Tombstoned {} superseded metadata records", garbage.size());
        }
    }

    /**
     * Seals {@code sealed} (see {@link PartitionSeals}) and returns its agreed end: marks it SEALING, waits past the
     * lease, reads its end offset and proposes SEALED with it; if another gateway's SEALED comes first, that wins.
     */
    long seal(TopicPartition sealed) {
        Long known = seals.sealedEnd(sealed);
        if (known != null) {
            return known;
        }
        GatewayLease lease = tail.lease();
        RecordMetadata marked = send(PartitionSeals.sealingKey(sealed), new byte[] {1});
        long waitUntilNs = System.nanoTime() + (lease.leaseMs() + lease.marginMs()) * 1_000_000L;
        tail.awaitApplied(marked.offset() + 1);
        while (seals.sealedEnd(sealed) == null && waitUntilNs - System.nanoTime() > 0) {
            long leftMs = Math.max(1, (waitUntilNs - System.nanoTime()) / 1_000_000L);
            try {
                Thread.sleep(Math.min(leftMs, lease.pollMs()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(StorageException.Kind.IO, "sealing " + sealed + ": interrupted", e);
            }
        }
        if (seals.sealedEnd(sealed) == null) {
            long end = clients.await(clients.admin().listOffsets(Map.of(sealed, OffsetSpec.latest()))
                    .partitionResult(sealed), "reading the end of " + sealed).offset();
            RecordMetadata proposed = send(PartitionSeals.sealedKey(sealed, UUID.randomUUID().toString()),
                    ByteBuffer.allocate(Long.BYTES).putLong(end).array());
            tail.awaitApplied(proposed.offset() + 1);
        }
        return seals.sealedEnd(sealed);
    }

    private long endOffset() {
        return clients.await(clients.admin().listOffsets(Map.of(partition, OffsetSpec.latest()))
                .partitionResult(partition), "reading the end of " + partition).offset();
    }

    private void write(String key, byte[] valueOrTombstone) {
        checkOpen();
        send(key, valueOrTombstone);
    }

    private RecordMetadata send(String key, byte[] valueOrTombstone) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(partition.topic(), partition.partition(),
                key.getBytes(StandardCharsets.UTF_8), valueOrTombstone);
        try {
            return clients.await(clients.producer().send(record), "writing metadata " + key);
        } catch (RuntimeException e) {
            throw ClusterClients.fault("writing metadata " + key, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the metadata store is closed", null);
        }
    }

    @Override
    public void close() {
        closed = true;
        tail.close();
        seals.refuseAll();
    }
}
