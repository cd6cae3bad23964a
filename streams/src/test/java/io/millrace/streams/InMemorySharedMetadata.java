package io.millrace.streams;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metadata store that several engine parts of one test share as gateways share the Kafka metadata topic:
 * compare-and-set decided in call order, listeners told synchronously on the caller's thread (so a test observes a
 * change's effect when its call returns). Lets the streams module's unit tests exercise the multi-gateway paths
 * with a manual clock; the real store is tested in the kafka module and by the two-gateway ITs.
 *
 * <p>Thread safety: every method is synchronized.
 */
public final class InMemorySharedMetadata implements MetadataStore, SharedMetadata {
    private record Watch(String prefix, Listener listener) {
    }

    private final Map<String, byte[]> plain = new HashMap<>();
    private final Map<String, Versioned> versioned = new HashMap<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private int accepted;

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

    @Override
    public synchronized boolean compareAndSet(String key, long expectedVersion, byte[] value) {
        if (current(key).version() != expectedVersion) {
            return false;
        }
        long version = expectedVersion + 1;
        byte[] stored = value == null ? null : value.clone();
        versioned.put(key, new Versioned(version, stored));
        accepted++;
        for (Watch watch : watches) {
            if (key.startsWith(watch.prefix())) {
                watch.listener().onChanged(key, version, stored);
            }
        }
        return true;
    }

    @Override
    public void close() {
    }
}
