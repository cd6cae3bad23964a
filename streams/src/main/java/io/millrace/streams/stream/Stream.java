package io.millrace.streams.stream;

import io.millrace.log.ShardLog;
import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.shard.HashKey;
import io.millrace.streams.shard.ShardMap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live stream: its current metadata, the open shard logs and the routing of hash keys to shards.
 *
 * <p>Thread safety: readers take lock-free snapshots ({@link #metadata()}); only {@link StreamRegistry} replaces
 * the metadata, under its own lock.
 */
public final class Stream {

    /** Metadata and the routing derived from it, published together. */
    private record View(StreamMetadata metadata, ShardMap shardMap) {
    }

    private final Map<Integer, ShardLog> logs = new ConcurrentHashMap<>();
    private final AtomicLong spreadCounter = new AtomicLong();
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
        HashKey key = explicitHashKey != null ? explicitHashKey : HashKey.ofPartitionKey(partitionKey);
        return current.shardMap().route(key);
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
