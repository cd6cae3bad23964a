package io.millrace.log.object;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalObjectStoreTest {
    @TempDir
    Path root;

    @Test
    void anObjectIsTheFileUnderItsBucketWithKeySlashesAsDirectoriesAndNoTemporaryFileLeft() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        store.putObject("bucket", "2026/01/02/x", new byte[] {1, 2, 3});
        store.putObject("bucket", "2026/01/02/x", new byte[] {4});

        assertThat(Files.readAllBytes(root.resolve("bucket/2026/01/02/x"))).containsExactly(4);
        try (Stream<Path> files = Files.list(root.resolve("bucket/2026/01/02"))) {
            assertThat(files).containsExactly(root.resolve("bucket/2026/01/02/x"));
        }
    }

    @Test
    void keysAndBucketsOutsideTheStoreAreFailedWritesNotWrittenFiles() {
        LocalObjectStore store = new LocalObjectStore(root.resolve("s3"));
        assertThatThrownBy(() -> store.putObject("bucket", "../other/x", new byte[0])).isInstanceOf(IOException.class)
                .hasMessageContaining("bucket/../other/x");
        assertThatThrownBy(() -> store.putObject("..", "x", new byte[0])).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.checkWritable("..")).isInstanceOf(IOException.class);
        assertThat(root.resolve("other")).doesNotExist();
        assertThat(root.resolve("x")).doesNotExist();
    }

    @Test
    void checkingABucketCreatesItAndFailsWhereAFileStandsInItsPlace() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        store.checkWritable("fresh");
        assertThat(root.resolve("fresh")).isDirectory();

        Files.writeString(root.resolve("blocked"), "not a directory");
        assertThatThrownBy(() -> store.checkWritable("blocked")).isInstanceOf(FileAlreadyExistsException.class);
    }
}
