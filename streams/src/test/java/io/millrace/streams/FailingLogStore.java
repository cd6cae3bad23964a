package io.millrace.streams;

import io.millrace.log.AppendResult;
import io.millrace.log.LogRecord;
import io.millrace.log.LogStore;
import io.millrace.log.MetadataStore;
import io.millrace.log.ReadResult;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.memory.InMemoryLogStore;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory store whose chosen shards fail: either their batches never become durable, or their appends throw.
 */
public final class FailingLogStore implements LogStore {
    private final InMemoryLogStore delegate = new InMemoryLogStore();
    public final Set<Integer> undurableShards = ConcurrentHashMap.newKeySet();
    public final Set<Integer> brokenShards = ConcurrentHashMap.newKeySet();

    @Override
    public ShardLog openShard(String streamKey, int shardIndex) {
        ShardLog log = delegate.openShard(streamKey, shardIndex);
        return new ShardLog() {
            @Override
            public AppendResult append(List<LogRecord> records, long nowMs) {
                if (brokenShards.contains(shardIndex)) {
                    throw new StorageException(StorageException.Kind.IO, "disk on fire", null);
                }
                AppendResult result = log.append(records, nowMs);
                if (!undurableShards.contains(shardIndex)) {
                    return result;
                }
                return new AppendResult(result.durable().thenCompose(batch -> CompletableFuture.failedFuture(
                        new StorageException(StorageException.Kind.IO, "fsync failed", null))));
            }

            @Override
            public ReadResult read(long fromPosition, int maxRecords, long maxBytes) {
                return log.read(fromPosition, maxRecords, maxBytes);
            }

            @Override
            public long endPosition() {
                return log.endPosition();
            }

            @Override
            public long startPosition() {
                return log.startPosition();
            }

            @Override
            public long lastArrivalMs() {
                return log.lastArrivalMs();
            }

            @Override
            public long positionForTimestamp(long timestampMs) {
                return log.positionForTimestamp(timestampMs);
            }

            @Override
            public void trimOlderThan(long cutoffMs) {
                log.trimOlderThan(cutoffMs);
            }

            @Override
            public void close() {
                log.close();
            }
        };
    }

    @Override
    public void deleteStream(String streamKey) {
        delegate.deleteStream(streamKey);
    }

    @Override
    public MetadataStore metadata() {
        return delegate.metadata();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
