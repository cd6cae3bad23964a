package io.millrace.log.memory;

import io.millrace.log.MetadataStore;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link MetadataStore} on the heap. */
public final class InMemoryMetadataStore implements MetadataStore {
    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();

    @Override
    public Map<String, byte[]> loadAll() {
        return new HashMap<>(entries);
    }

    @Override
    public void put(String key, byte[] value) {
        entries.put(key, value.clone());
    }

    @Override
    public void remove(String key) {
        entries.remove(key);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
