package io.millrace.streams;

import io.millrace.log.LogStore;
import io.millrace.log.ShardLog;
import io.millrace.log.memory.InMemoryLogStore;

/**
 * What several engines of one test share as gateways share a Kafka cluster: one set of in-memory logs and one
 * {@link SharedMemoryMetadata}. Each engine gets this same store; closing an engine must not close the shared parts,
 * so {@link #close()} does nothing.
 *
 * <p>Thread safety: as its parts.
 */
public record SharedMemoryStore(InMemoryLogStore logs, SharedMemoryMetadata metadata) implements LogStore {

    public SharedMemoryStore() {
        this(new InMemoryLogStore(), new SharedMemoryMetadata());
    }

    @Override
    public ShardLog openShard(String streamKey, int shardIndex) {
        return logs.openShard(streamKey, shardIndex);
    }

    @Override
    public void deleteStream(String streamKey) {
        logs.deleteStream(streamKey);
    }

    @Override
    public void close() {
    }
}
