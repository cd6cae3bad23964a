package io.millrace.server;

import io.millrace.log.MetadataStore;

import java.security.SecureRandom;

/**
 * The key that authenticates shard iterators. It is generated once per data directory and kept in the metadata
 * store, so iterators handed out before a restart stay valid after it.
 */
final class IteratorSecret {
    private static final String KEY = "server/iterator-secret";
    private static final int LENGTH_BYTES = 32;

    private IteratorSecret() {
    }

    static byte[] loadOrCreate(MetadataStore metadata) {
        byte[] stored = metadata.loadAll().get(KEY);
        if (stored != null && stored.length == LENGTH_BYTES) {
            return stored;
        }
        byte[] secret = new byte[LENGTH_BYTES];
        new SecureRandom().nextBytes(secret);
        metadata.put(KEY, secret);
        return secret;
    }
}
