package io.millrace.log.memory;

import io.millrace.log.LogStore;
import io.millrace.log.MetadataStore;
import io.millrace.log.ShardLog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link LogStore} whose logs and metadata live on the heap ({@code --in-memory}). */
public final class InMemoryLogStore implements LogStore {
    private final Map<String, Map<Integer, InMemoryShardLog>> streams = new ConcurrentHashMap<>();
    private final InMemoryMetadataStore metadata = new InMemoryMetadataStore();

    @Override
    public ShardLog openShard(String streamKey, int shardIndex) {
        return streams.computeIfAbsent(streamKey, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(shardIndex, i -> new InMemoryShardLog());
    }

    @Override
    public void deleteStream(String streamKey) {
        Map<Integer, InMemoryShardLog> logs = streams.remove(streamKey);
        if (logs != null) {
            logs.values().forEach(InMemoryShardLog::close);
        }
    }

    @Override
    public MetadataStore metadata() {
        return metadata;
    }

    @Override
    public void close() {
        streams.values().forEach(logs -> logs.values().forEach(InMemoryShardLog::close));
    }
}
