package io.millrace.log.local;

import io.millrace.log.MetadataStore;
import io.millrace.log.MetadataStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

/** The file-per-key metadata store against the shared contract. */
class LocalMetadataStoreContractTest extends MetadataStoreContract {
    private final Map<MetadataStore, Path> dirs = new IdentityHashMap<>();

    @TempDir
    Path root;

    @Override
    protected MetadataStore newStore() {
        try {
            return open(Files.createTempDirectory(root, "meta"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected MetadataStore reopen(MetadataStore closed) {
        return open(dirs.get(closed));
    }

    private MetadataStore open(Path dir) {
        MetadataStore store = LocalMetadataStore.open(dir);
        dirs.put(store, dir);
        return store;
    }
}
