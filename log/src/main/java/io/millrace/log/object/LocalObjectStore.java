package io.millrace.log.object;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The embedded S3: bucket {@code b}, key {@code k} is the file {@code <root>/b/k}, key slashes becoming
 * directories; a bucket is created on first write. An object is written to a hidden temporary file, forced to disk
 * and then renamed into place (and the rename forced), so a reader (or a crash) never sees half an object. Keys that
 * would leave the bucket's directory are refused.
 *
 * <p>Thread-safe: concurrent puts of different keys are independent; the last rename wins for equal keys.
 */
public final class LocalObjectStore implements ObjectStore {
    private final Path root;

    public LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The file an object lives in; throws for keys or buckets that do not stay inside the bucket directory. */
    public Path pathOf(String bucket, String key) {
        Path bucketDir = bucketDirectory(bucket);
        Path file = bucketDir.resolve(key).normalize();
        if (!file.startsWith(bucketDir) || file.equals(bucketDir) || key.endsWith("/")) {
            throw new IllegalArgumentException("bucket/key: " + bucket + "/" + key
                    + " (expected: a key that names a file inside the bucket directory)");
        }
        return file;
    }

    /** Creates the bucket's directory if it is missing (as buckets are created on first write), then checks it. */
    @Override
    public void checkWritable(String bucket) throws IOException {
        Path bucketDir;
        try {
            bucketDir = bucketDirectory(bucket);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        Files.createDirectories(bucketDir);
        if (!Files.isWritable(bucketDir)) {
            throw new AccessDeniedException(bucket);
        }
    }

    @Override
    public void putObject(String bucket, String key, byte[] content) throws IOException {
        Path target;
        try {
            target = pathOf(bucket, key);
        } catch (IllegalArgumentException e) {
            // A write that cannot happen, like any other failed write (callers validate keys up front where they can).
            throw new IOException(e.getMessage(), e);
        }
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Path bucketDirectory(String bucket) {
        Path bucketDir = root.resolve(bucket).normalize();
        if (!root.equals(bucketDir.getParent())) {
            throw new IllegalArgumentException("bucket: " + bucket
                    + " (expected: a name that stays inside the object store directory)");
        }
        return bucketDir;
    }

    /** Makes the rename itself durable; some platforms cannot open directories, where this is best effort. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot fsync a directory; the rename is as durable as the platform makes it.
        }
    }
}
