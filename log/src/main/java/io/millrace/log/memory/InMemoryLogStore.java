package io.millrace.log.memory;

import io.millrace.log.LogStore;
import io.millrace.log.MetadataStore;
import io.millrace.log.ShardLog;
import io.millrace.log.crypto.KeyRing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LogStore} whose logs and metadata live on the heap ({@code --in-memory}). Nothing is at rest, so nothing
 * is encrypted; the key ring still decides which key ids are usable, so encryption behaves as on disk at the API.
 */
public final class InMemoryLogStore implements LogStore {
    private final Map<String, Map<Integer, InMemoryShardLog>> streams = new ConcurrentHashMap<>();
    private final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    private final KeyRing keyRing;

    /** A store with an {@linkplain KeyRing#ephemeral() ephemeral} key ring that accepts any key id. */
    public InMemoryLogStore() {
        this(KeyRing.ephemeral());
    }

    public InMemoryLogStore(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Override
    public ShardLog openShard(String streamKey, int shardIndex) {
        return streams.computeIfAbsent(streamKey, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(shardIndex, i -> new InMemoryShardLog(keyRing));
    }

    @Override
    public void deleteStream(String streamKey) {
        Map<Integer, InMemoryShardLog> logs = streams.remove(streamKey);
        if (logs != null) {
            logs.values().forEach(InMemoryShardLog::close);
        }
    }

    @Override
    public KeyRing keyRing() {
        return keyRing;
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
