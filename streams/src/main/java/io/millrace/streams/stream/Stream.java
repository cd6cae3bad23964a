package io.millrace.streams.stream;

import io.millrace.log.ShardLog;
import io.millrace.streams.limit.ShardWriteRate;
import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.ShardMap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One live stream: its current metadata, the open shard logs and the routing of hash keys to shards.
 *
 * <p>Thread safety: readers take lock-free snapshots ({@link #metadata()}); only {@link StreamRegistry} replaces
 * the metadata, under its own lock. Writers route and append inside {@link #withOpenShards}, which shares a
 * read-write lock with resharding: a shard is closed only while no append is between routing and its log, so no
 * record lands in a shard after its EndingSequenceNumber was fixed and readers sent on to its children.
 */
public final class Stream {

    /** Metadata and the routing derived from it, published together. */
    private record View(StreamMetadata metadata, ShardMap shardMap) {
    }

    private final Map<Integer, ShardLog> logs = new ConcurrentHashMap<>();
    private final Map<Integer, ShardWriteRate> writeRates = new ConcurrentHashMap<>();
    private final AtomicLong spreadCounter = new AtomicLong();
    private final ReadWriteLock routing = new ReentrantReadWriteLock();
    private final ShardWatchers watchers = new ShardWatchers();
    private volatile View view;

    Stream(StreamMetadata metadata, Map<Integer, ShardLog> logs) {
        this.logs.putAll(logs);
        replace(metadata);
    }

    public StreamMetadata metadata() {
        return view.metadata();
    }

    public StreamKey key() {
        return view.metadata().key();
    }

    /** The log of shard {@code shardIndex}, or {@code null} when the stream has no such shard. */
    public ShardLog log(int shardIndex) {
        return logs.get(shardIndex);
    }

    /** Who is told when records of a shard become durable (enhanced fan-out subscriptions). */
    public ShardWatchers watchers() {
        return watchers;
    }

    /**
     * The open shard a record goes to: the next one in turn on an ON_DEMAND stream distributing AUTO (which
     * ignores keys), else the owner of {@code explicitHashKey} or of the partition key's MD5.
     */
    public int shardFor(String partitionKey, HashKey explicitHashKey) {
        View current = view;
        StreamMetadata metadata = current.metadata();
        if (metadata.mode() == StreamMode.ON_DEMAND
                && metadata.distributionStrategy() == RecordDistributionStrategy.AUTO) {
            return current.shardMap().nth(spreadCounter.getAndIncrement());
        }
        return explicitHashKey != null
                ? current.shardMap().route(explicitHashKey)
                : current.shardMap().routePartitionKey(partitionKey);
    }

    /**
     * Runs {@code work}, which routes records with {@link #shardFor} and appends them, while the set of open shards
     * cannot change. {@code work} must not block for long: resharding waits for it.
     */
    public <T> T withOpenShards(Supplier<T> work) {
        routing.readLock().lock();
        try {
            return work.get();
        } finally {
            routing.readLock().unlock();
        }
    }

    /** Counts records just appended to shard {@code shardIndex}, for on-demand scaling. */
    public void onAppended(int shardIndex, long nowMs, int recordCount, long byteCount) {
        writeRates.computeIfAbsent(shardIndex, i -> new ShardWriteRate()).onAppended(nowMs, recordCount, byteCount);
    }

    /** The write meter of shard {@code shardIndex}, or {@code null} when nothing was written to it yet. */
    public ShardWriteRate writeRate(int shardIndex) {
        return writeRates.get(shardIndex);
    }

    /** Runs {@code change} while no writer is routing or appending (see the class comment). */
    <T> T whileNoWriters(Supplier<T> change) {
        routing.writeLock().lock();
        try {
            return change.get();
        } finally {
            routing.writeLock().unlock();
        }
    }

    void replace(StreamMetadata metadata) {
        this.view = new View(metadata, new ShardMap(metadata.shards().stream()
                .filter(ShardMetadata::open)
                .map(s -> new ShardMap.Entry(s.index(), s.range()))
                .toList()));
    }

    Map<Integer, ShardLog> logs() {
        return logs;
    }
}
