package io.millrace.streams.stream;

import io.millrace.log.LogStore;
import io.millrace.log.MetadataStore;
import io.millrace.log.SealableLog;
import io.millrace.log.ShardLog;
import io.millrace.log.SharedMetadata;
import io.millrace.log.crypto.KeyRing;
import io.millrace.streams.limit.AccountReservations;
import io.millrace.streams.model.StreamStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every stream of this node, keyed by account, region and name. Owns the persisted metadata (written on every
 * change) and the status lifecycle: a CREATING or UPDATING stream becomes ACTIVE and a DELETING one disappears
 * once its {@link StreamMetadata#statusDueMs()} has passed, checked on access and by {@link #tick()}, so time-driven
 * transitions follow the injected clock and need no sleeping thread.
 *
 * <p>When the metadata store is shared with other gateways ({@link SharedMetadata}), every change is a
 * compare-and-set from the version the change was computed on, retried on a newer version when another gateway
 * changed the stream first, and this registry's streams are only ever replaced by what the store reports, in the
 * order every gateway agrees on (see docs/design/kafka-gateways.md). Closed shards of logs shared between gateways
 * ({@link SealableLog}) are sealed in the background by every gateway that sees them closed, so a gateway that dies
 * mid-reshard leaves nothing half-done.
 *
 * <p>Thread safety: lookups are lock-free; every change (create, update, delete, transition) holds the registry's
 * monitor, so changes are serialised and each persists before it becomes visible.
 */
public final class StreamRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);
    private static final String KEY_PREFIX = "kinesis/stream/";

    private final LogStore store;
    private final MetadataStore metadataStore;
    private final Clock clock;
    private final StreamMetadataCodec codec = new StreamMetadataCodec();
    private final Map<StreamKey, Stream> streams = new ConcurrentHashMap<>();
    /** The store shared with other gateways, or {@code null} when this process is the only writer. */
    private final SharedMetadata shared;
    /** Logs being sealed in the background, so each is sealed once per gateway at a time. */
    private final Set<ShardLog> sealing = ConcurrentHashMap.newKeySet();
    /** Runs background seals; {@code null} when the store is not shared. */
    private final ExecutorService sealer;
    /** Decides the account-wide limits on streams and shards (CreateStream, resharding, mode switches). */
    private final AccountReservations reservations;

    /** Loads every persisted stream and reopens its shard logs. */
    public StreamRegistry(LogStore store, Clock clock) {
        this.store = store;
        this.metadataStore = store.metadata();
        this.clock = clock;
        this.shared = metadataStore instanceof SharedMetadata sharedStore ? sharedStore : null;
        this.reservations = new AccountReservations(metadataStore, clock, "streams");
        this.sealer = shared == null ? null : Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "millrace-shard-sealer");
            thread.setDaemon(true);
            return thread;
        });
        if (shared != null) {
            shared.watch(KEY_PREFIX, this::onStored);
        } else {
            metadataStore.loadAll().forEach((key, value) -> {
                if (key.startsWith(KEY_PREFIX)) {
                    StreamMetadata metadata = codec.decode(value);
                    streams.put(metadata.key(), open(metadata));
                }
            });
        }
        tick();
    }

    /** The stream in any state, or empty when it does not exist. */
    public Optional<Stream> find(StreamKey key) {
        Stream stream = streams.get(key);
        if (stream != null && isDue(stream.metadata())) {
            settle(key);
            stream = streams.get(key);
        }
        return Optional.ofNullable(stream);
    }

    /** The ledger of the account-wide limits on streams and shards, so they hold across gateways. */
    public AccountReservations reservations() {
        return reservations;
    }

    /** The master keys the store encrypts at rest with, by KMS key id. */
    public KeyRing keyRing() {
        return store.keyRing();
    }

    /** The stream in any state; ResourceNotFound otherwise. */
    public Stream require(StreamKey key) {
        return find(key).orElseThrow(() -> StreamErrors.notFound(key));
    }

    /** A stream that accepts records (ACTIVE or UPDATING); ResourceNotFound otherwise, as AWS answers puts. */
    public Stream requireWritable(StreamKey key) {
        Stream stream = require(key);
        if (!stream.metadata().writable()) {
            throw StreamErrors.notFound(key);
        }
        return stream;
    }

    /** Every stream of this node, in any state. */
    public List<Stream> all() {
        List<Stream> found = new ArrayList<>();
        for (StreamKey key : streams.keySet()) {
            find(key).ifPresent(found::add);
        }
        return found;
    }

    /** Every stream of an account in a region, sorted by name. */
    public List<Stream> list(String accountId, String region) {
        List<Stream> found = new ArrayList<>();
        for (StreamKey key : streams.keySet()) {
            if (key.accountId().equals(accountId) && key.region().equals(region)) {
                find(key).ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparing(s -> s.key().name()));
        return found;
    }

    /**
     * Adds {@code proposed} unless a stream of that name exists (ResourceInUse). {@code admission} sees the
     * metadata of every stream of the same account and region, under the registry's lock, and throws to refuse.
     */
    public synchronized Stream create(StreamMetadata proposed, Consumer<List<StreamMetadata>> admission) {
        StreamKey key = proposed.key();
        if (shared != null) {
            return createShared(proposed, admission);
        }
        if (find(key).isPresent()) {
            throw StreamErrors.alreadyExists(key);
        }
        admission.accept(list(key.accountId(), key.region()).stream().map(Stream::metadata).toList());
        persist(proposed);
        Stream stream = open(proposed);
        streams.put(key, stream);
        return stream;
    }

    /**
     * Applies {@code change} to the current metadata of an existing stream, persists and publishes the result.
     * {@code change} may throw to refuse; nothing changes then.
     */
    public synchronized StreamMetadata update(StreamKey key, UnaryOperator<StreamMetadata> change) {
        if (shared != null) {
            return changeShared(key, change);
        }
        Stream stream = require(key);
        StreamMetadata changed = change.apply(stream.metadata());
        persist(changed);
        stream.replace(changed);
        return changed;
    }

    /**
     * Like {@link #update}, for changes of the shard set: waits until no writer is routing or appending, opens the
     * logs of new shards, persists, and only then publishes the metadata, so writers route to the new shards only
     * once their logs exist and never write to a shard after it closed.
     */
    public StreamMetadata reshard(StreamKey key, UnaryOperator<StreamMetadata> change) {
        if (shared != null) {
            synchronized (this) {
                return changeShared(key, change);
            }
        }
        Stream stream = require(key);
        return stream.whileNoWriters(() -> {
            synchronized (this) {
                StreamMetadata changed = change.apply(stream.metadata());
                for (ShardMetadata shard : changed.shards()) {
                    stream.logs().computeIfAbsent(shard.index(),
                            index -> store.openShard(changed.storageKey(), index));
                }
                persist(changed);
                stream.replace(changed);
                return changed;
            }
        });
    }

    /** Starts deleting a stream: gone at once when {@code delayMs} is 0, else DELETING until then. */
    public synchronized void delete(StreamKey key, long delayMs) {
        update(key, m -> m.withStatus(StreamStatus.DELETING, clock.millis() + delayMs));
        settle(key);
    }

    /** Applies every transition that is due; the engine calls it periodically. */
    public void tick() {
        for (StreamKey key : List.copyOf(streams.keySet())) {
            find(key).filter(stream -> shared != null).ifPresent(this::sealClosedShards);
        }
    }

    /** Drops records older than each stream's retention from its logs (readers filter at read time as well). */
    public void trimExpired() {
        long nowMs = clock.millis();
        for (Stream stream : streams.values()) {
            long cutoffMs = nowMs - stream.metadata().retentionMs();
            stream.logs().values().forEach(log -> log.trimOlderThan(cutoffMs));
        }
    }

    private boolean isDue(StreamMetadata metadata) {
        StreamStatus status = metadata.status();
        return (status == StreamStatus.CREATING || status == StreamStatus.UPDATING
                || status == StreamStatus.DELETING) && metadata.statusDueMs() <= clock.millis();
    }

    private synchronized void settle(StreamKey key) {
        Stream stream = streams.get(key);
        if (stream == null || !isDue(stream.metadata())) {
            return;
        }
        StreamMetadata metadata = stream.metadata();
        if (shared != null) {
            settleShared(key, metadata);
            return;
        }
        if (metadata.status() == StreamStatus.CREATING || metadata.status() == StreamStatus.UPDATING) {
            StreamMetadata active = metadata.withStatus(StreamStatus.ACTIVE, 0);
            persist(active);
            stream.replace(active);
        } else {
            streams.remove(key);
            store.deleteStream(metadata.storageKey());
            metadataStore.remove(storeKey(key));
            LOG.debug("Deleted stream {}", metadata.arn());
        }
    }

    private Stream createShared(StreamMetadata proposed, Consumer<List<StreamMetadata>> admission) {
        StreamKey key = proposed.key();
        while (true) {
            // The version is read before the view: a view newer than its version only makes the proposal lose.
            long version = shared.current(storeKey(key)).version();
            if (find(key).isPresent()) {
                throw StreamErrors.alreadyExists(key);
            }
            admission.accept(list(key.accountId(), key.region()).stream().map(Stream::metadata).toList());
            if (shared.compareAndSet(storeKey(key), version, codec.encode(proposed))) {
                return require(key);
            }
        }
    }

    /** Applies {@code change} to the newest version of the stream until a proposal of it wins. */
    private StreamMetadata changeShared(StreamKey key, UnaryOperator<StreamMetadata> change) {
        while (true) {
            long version = shared.current(storeKey(key)).version();
            Stream stream = require(key);
            StreamMetadata changed = change.apply(stream.metadata());
            for (ShardMetadata shard : changed.shards()) {
                stream.logs().computeIfAbsent(shard.index(), index -> store.openShard(changed.storageKey(), index));
            }
            if (shared.compareAndSet(storeKey(key), version, codec.encode(changed))) {
                return changed;
            }
        }
    }

    private void settleShared(StreamKey key, StreamMetadata metadata) {
        long version = shared.current(storeKey(key)).version();
        if (metadata.status() == StreamStatus.CREATING || metadata.status() == StreamStatus.UPDATING) {
            shared.compareAndSet(storeKey(key), version, codec.encode(metadata.withStatus(StreamStatus.ACTIVE, 0)));
        } else if (shared.compareAndSet(storeKey(key), version, null)) {
            store.deleteStream(metadata.storageKey()); // only the gateway whose removal won deletes the logs
            LOG.debug("Deleted stream {}", metadata.arn());
        }
    }

    /** Publishes a stream as the shared store reports it; runs on the store's reader, in the agreed order. */
    private void onStored(String storeKey, long version, byte[] value) {
        if (value == null) {
            streams.keySet().removeIf(key -> storeKey(key).equals(storeKey));
            return;
        }
        StreamMetadata metadata = codec.decode(value);
        Stream existing = streams.get(metadata.key());
        if (existing == null || !existing.metadata().storageKey().equals(metadata.storageKey())) {
            Stream opened = open(metadata);
            streams.put(metadata.key(), opened);
            sealClosedShards(opened);
            return;
        }
        for (ShardMetadata shard : metadata.shards()) {
            existing.logs().computeIfAbsent(shard.index(), index -> store.openShard(metadata.storageKey(), index));
        }
        existing.whileNoWriters(() -> {
            existing.replace(metadata);
            return null;
        });
        sealClosedShards(existing);
    }

    /** Seals, in the background, the logs of closed shards whose end is not final yet. */
    private void sealClosedShards(Stream stream) {
        for (ShardMetadata shard : stream.metadata().shards()) {
            ShardLog log = stream.log(shard.index());
            if (!shard.open() && log instanceof SealableLog sealable && !sealable.sealed() && sealing.add(log)) {
                sealer.execute(() -> {
                    try {
                        sealable.seal();
                    } catch (RuntimeException e) {
                        LOG.warn("Sealing shard {} of {} failed; it is retried on the next tick", shard.shardId(),
                                stream.metadata().arn(), e);
                    } finally {
                        sealing.remove(log);
                    }
                });
            }
        }
    }

    private Stream open(StreamMetadata metadata) {
        Map<Integer, ShardLog> logs = new HashMap<>();
        for (ShardMetadata shard : metadata.shards()) {
            logs.put(shard.index(), store.openShard(metadata.storageKey(), shard.index()));
        }
        return new Stream(metadata, logs);
    }

    private void persist(StreamMetadata metadata) {
        metadataStore.put(storeKey(metadata.key()), codec.encode(metadata));
    }

    private static String storeKey(StreamKey key) {
        return KEY_PREFIX + key.accountId() + "/" + key.region() + "/" + key.name();
    }
}
