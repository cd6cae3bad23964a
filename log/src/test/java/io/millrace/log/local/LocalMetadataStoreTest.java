package io.millrace.log.local;

import io.millrace.log.StorageException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMetadataStoreTest {

    @TempDir
    Path dir;

    @Test
    void putRemoveAndReloadSeeTheLatestValues() {
        try (LocalMetadataStore store = LocalMetadataStore.open(dir)) {
            store.put("stream/orders", new byte[] {1});
            store.put("stream/orders", new byte[] {2, 3});
            store.put("tags:orders", new byte[0]);
            store.put("gone", new byte[] {9});
            store.remove("gone");
            store.remove("never-there");
        }
        try (LocalMetadataStore store = LocalMetadataStore.open(dir)) {
            Map<String, byte[]> all = store.loadAll();
            assertThat(all).containsOnlyKeys("stream/orders", "tags:orders");
            assertThat(all.get("stream/orders")).containsExactly(2, 3);
            assertThat(all.get("tags:orders")).isEmpty();
        }
    }

    @Test
    void strayTempFilesOfAnInterruptedPutAreIgnored() throws IOException {
        try (LocalMetadataStore store = LocalMetadataStore.open(dir)) {
            store.put("a", new byte[] {1});
            Files.write(dir.resolve("a.meta.tmp"), new byte[] {7, 7, 7});
            Files.write(dir.resolve("b.meta.tmp"), new byte[] {7});
            assertThat(store.loadAll()).containsOnlyKeys("a");
        }
        try (LocalMetadataStore store = LocalMetadataStore.open(dir)) {
            assertThat(store.loadAll().get("a")).containsExactly(1);
        }
    }

    @Test
    void aDamagedFileIsReportedAsCorrupt() throws IOException {
        try (LocalMetadataStore store = LocalMetadataStore.open(dir)) {
            store.put("a", new byte[] {1, 2, 3});
            Path file = dir.resolve("a.meta");
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length - 1] ^= 4;
            Files.write(file, bytes);
            assertThatThrownBy(store::loadAll).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.CORRUPT));
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        LocalMetadataStore store = LocalMetadataStore.open(dir);
        store.close();
        assertThatThrownBy(() -> store.put("a", new byte[0])).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.CLOSED));
    }

    @Property(tries = 300)
    void everyKeyMapsToASafeFileNameAndBack(@ForAll @StringLength(min = 1, max = 20) String key) {
        String name = LocalMetadataStore.encodeKey(key);
        assertThat(name).matches("[A-Za-z0-9_%-]+");
        // Lone surrogates cannot survive UTF-8; every other key round-trips.
        String expected = new String(key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(LocalMetadataStore.decodeKey(name)).isEqualTo(expected);
    }
}
