package io.millrace.server;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;

import java.security.SecureRandom;

/**
 * The key that authenticates shard iterators. It is generated once per data directory and kept in the metadata
 * store, so iterators handed out before a restart stay valid after it. Gateways sharing a store agree on one key:
 * the first one stored wins, so an iterator from any gateway is accepted by every other.
 */
final class IteratorSecret {
    private static final String KEY = "server/iterator-secret";
    private static final int LENGTH_BYTES = 32;

    private IteratorSecret() {
    }

    static byte[] loadOrCreate(MetadataStore metadata) {
        if (metadata instanceof SharedMetadata shared) {
            return loadOrCreate(shared);
        }
        byte[] stored = metadata.loadAll().get(KEY);
        if (stored != null && stored.length == LENGTH_BYTES) {
            return stored;
        }
        byte[] secret = new byte[LENGTH_BYTES];
        new SecureRandom().nextBytes(secret);
        metadata.put(KEY, secret);
        return secret;
    }

    private static byte[] loadOrCreate(SharedMetadata shared) {
        while (true) {
            SharedMetadata.Versioned stored = shared.current(KEY);
            if (stored.value() != null && stored.value().length == LENGTH_BYTES) {
                return stored.value();
            }
            byte[] secret = new byte[LENGTH_BYTES];
            new SecureRandom().nextBytes(secret);
            if (shared.compareAndSet(KEY, stored.version(), secret)) {
                return secret;
            }
        }
    }
}
