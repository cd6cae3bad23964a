package io.millrace.log;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link MetadataStore} must show, run against each backend (published in log's test-jar).
 * Subclasses open a store on fresh storage and reopen one on the storage of a closed store, as a restart would.
 */
public abstract class MetadataStoreContract {

    /** A store on fresh, empty storage. */
    protected abstract MetadataStore newStore();

    /** A new store on the storage {@code closed} used; {@code closed} has been closed already. */
    protected abstract MetadataStore reopen(MetadataStore closed);

    @Test
    void aFreshStoreIsEmpty() {
        try (MetadataStore store = newStore()) {
            assertThat(store.loadAll()).isEmpty();
        }
    }

    @Test
    void theLatestPutOfEachKeyWinsAndSurvivesAReopen() {
        MetadataStore store = newStore();
        store.put("stream/orders", new byte[] {1});
        store.put("stream/orders", new byte[] {2, 3});
        store.put("tags:orders", new byte[0]);
        assertThat(store.loadAll().get("stream/orders")).containsExactly(2, 3);
        store.close();
        try (MetadataStore reopened = reopen(store)) {
            Map<String, byte[]> all = reopened.loadAll();
            assertThat(all).containsOnlyKeys("stream/orders", "tags:orders");
            assertThat(all.get("stream/orders")).containsExactly(2, 3);
            assertThat(all.get("tags:orders")).isEmpty();
        }
    }

    @Test
    void aRemovedKeyStaysRemovedAfterAReopenAndRemovingAnAbsentKeyIsANoOp() {
        MetadataStore store = newStore();
        store.put("gone", new byte[] {9});
        store.put("kept", new byte[] {8});
        store.remove("gone");
        store.remove("never-there");
        assertThat(store.loadAll()).containsOnlyKeys("kept");
        store.close();
        try (MetadataStore reopened = reopen(store)) {
            assertThat(reopened.loadAll()).containsOnlyKeys("kept");
            reopened.put("gone", new byte[] {7});
            assertThat(reopened.loadAll().get("gone")).containsExactly(7);
        }
    }

    @Test
    void keysAndValuesKeepEveryByte() {
        String key = "acct/eu-west-1/clé 🚀:x%2F";
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        MetadataStore store = newStore();
        store.put(key, value);
        store.close();
        try (MetadataStore reopened = reopen(store)) {
            assertThat(reopened.loadAll()).containsOnlyKeys(key);
            assertThat(reopened.loadAll().get(key)).isEqualTo(value);
            assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(key.length());
        }
    }

    @Test
    void loadAllReturnsACopyThatLaterWritesDoNotChange() {
        try (MetadataStore store = newStore()) {
            store.put("a", new byte[] {1});
            Map<String, byte[]> before = store.loadAll();
            store.put("a", new byte[] {2});
            store.put("b", new byte[] {3});
            assertThat(before).containsOnlyKeys("a");
            assertThat(before.get("a")).containsExactly(1);
        }
    }
}
