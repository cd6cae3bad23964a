package io.millrace.log;

import java.util.Map;

/**
 * A small crash-safe key-value store for metadata (streams, shards, tags). Values are opaque bytes owned by the
 * engine. A {@link #put} or {@link #remove} that returns is durable: after a crash, {@link #loadAll()} sees it.
 */
public interface MetadataStore extends AutoCloseable {

    /** Every entry currently stored. */
    Map<String, byte[]> loadAll();

    /** Stores {@code value} under {@code key}, replacing any earlier value atomically. */
    void put(String key, byte[] value);

    /** Removes {@code key}; removing an absent key is a no-op. */
    void remove(String key);

    @Override
    void close();
}
