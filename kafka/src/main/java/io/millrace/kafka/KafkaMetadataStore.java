package io.millrace.kafka;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;
import io.millrace.log.StorageException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

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
 * Accepted proposals are never compacted away, so the topic grows by one record per control-plane change.
 *
 * <p>Thread safety: all methods may be called from any thread (the producer is thread-safe; the reader owns its
 * consumer).
 */
public final class KafkaMetadataStore implements MetadataStore, SharedMetadata {
    private final ClusterClients clients;
    private final TopicPartition partition;
    private final PartitionSeals seals;
    private final MetadataTail tail;
    private final String gatewayId = UUID.randomUUID().toString();
    private volatile boolean closed;

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
        NewTopic newTopic = replication.newTopic(topic, 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(KafkaLogStore.MAX_MESSAGE_BYTES)));
        try {
            clients.await(clients.admin().createTopics(List.of(newTopic)).all(), "creating topic " + topic);
        } catch (StorageException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        KafkaMetadataStore store = new KafkaMetadataStore(clients, new TopicPartition(topic, 0), lease);
        try {
            store.tail.start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
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
        CompletableFuture<Boolean> outcome = tail.expect(proposalId);
        String what = "writing metadata " + key;
        try {
            clients.await(clients.producer().send(record), what);
            return clients.await(outcome, what);
        } catch (RuntimeException e) {
            throw ClusterClients.fault(what, e);
        } finally {
            tail.forget(proposalId);
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
