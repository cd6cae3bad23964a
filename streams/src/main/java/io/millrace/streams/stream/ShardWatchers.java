package io.millrace.streams.stream;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Who wants to hear that records were appended to a shard of one stream: the push side of enhanced fan-out. The
 * writers call {@link #onRecordsAppended} once a batch is durable; each watcher only signals (it must not block or
 * read), so a slow subscriber never slows a writer.
 *
 * <p>Thread-safe: watchers come and go from any thread; notification iterates a copy-on-write set.
 */
public final class ShardWatchers {
    private final Map<Integer, Set<Runnable>> byShard = new ConcurrentHashMap<>();

    public void add(int shardIndex, Runnable watcher) {
        byShard.computeIfAbsent(shardIndex, s -> new CopyOnWriteArraySet<>()).add(watcher);
    }

    public void remove(int shardIndex, Runnable watcher) {
        Set<Runnable> watchers = byShard.get(shardIndex);
        if (watchers != null) {
            watchers.remove(watcher);
        }
    }

    public void onRecordsAppended(int shardIndex) {
        Set<Runnable> watchers = byShard.get(shardIndex);
        if (watchers != null) {
            watchers.forEach(Runnable::run);
        }
    }
}
