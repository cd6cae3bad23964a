package io.millrace.streams;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metadata store that several engines in one test share as gateways share the Kafka metadata topic: versioned
 * entries change by compare-and-set and every engine's watchers hear every accepted change, in one order. Changes
 * are heard on the calling thread; a change made while watchers are being told (a watcher's own doing) is told after
 * them, as the topic would order it, so watchers never run nested.
 *
 * <p>Thread safety: thread-safe; the tests that use it drive it from one thread.
 */
public final class SharedMemoryMetadata implements MetadataStore, SharedMetadata {
    private record Watch(String prefix, Listener listener) {
    }

    private record Change(String key, long version, byte[] value) {
    }

    private final Map<String, byte[]> plain = new HashMap<>();
    private final Map<String, Versioned> versioned = new HashMap<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Queue<Change> untold = new ArrayDeque<>();
    private boolean isTelling;
    private int accepted;
    private volatile java.util.function.Consumer<String> beforeCompareAndSet = key -> { };

    /** How many compare-and-sets were accepted so far. */
    public synchronized int acceptedChanges() {
        return accepted;
    }

    @Override
    public synchronized Map<String, byte[]> loadAll() {
        Map<String, byte[]> all = new HashMap<>(plain);
        versioned.forEach((key, entry) -> {
            if (entry.value() != null) {
                all.put(key, entry.value());
            }
        });
        return all;
    }

    @Override
    public synchronized void put(String key, byte[] value) {
        plain.put(key, value.clone());
    }

    @Override
    public synchronized void remove(String key) {
        plain.remove(key);
    }

    @Override
    public synchronized void watch(String keyPrefix, Listener listener) {
        versioned.forEach((key, entry) -> {
            if (key.startsWith(keyPrefix) && entry.value() != null) {
                listener.onChanged(key, entry.version(), entry.value());
            }
        });
        watches.add(new Watch(keyPrefix, listener));
    }

    @Override
    public synchronized Versioned current(String key) {
        return versioned.getOrDefault(key, Versioned.ABSENT);
    }

    /**
     * Runs {@code hook} with the key at the start of every later compare-and-set, on the caller's thread and before
     * the store decides, so a test can hold writers at that point (see {@link Lockstep}).
     */
    public void beforeCompareAndSet(java.util.function.Consumer<String> hook) {
        this.beforeCompareAndSet = hook;
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, byte[] value) {
        beforeCompareAndSet.accept(key);
        return decide(key, expectedVersion, value);
    }

    private synchronized boolean decide(String key, long expectedVersion, byte[] value) {
        if (current(key).version() != expectedVersion) {
            return false;
        }
        byte[] stored = value == null ? null : value.clone();
        versioned.put(key, new Versioned(expectedVersion + 1, stored));
        accepted++;
        untold.add(new Change(key, expectedVersion + 1, stored));
        if (!isTelling) {
            tellAll();
        }
        return true;
    }

    /** How many versioned entries have a value right now under {@code prefix}. */
    public synchronized long liveEntries(String prefix) {
        return versioned.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue().value() != null).count();
    }

    private void tellAll() {
        isTelling = true;
        try {
            Change change;
            while ((change = untold.poll()) != null) {
                for (Watch watch : watches) {
                    if (change.key().startsWith(watch.prefix())) {
                        watch.listener().onChanged(change.key(), change.version(), change.value());
                    }
                }
            }
        } finally {
            isTelling = false;
        }
    }

    @Override
    public void close() {
    }
}
