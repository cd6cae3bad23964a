package io.millrace.streams.channel;

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
 * Writes objects into the embedded S3 directory with the same layout as the Firehose module (bucket {@code b}, key
 * {@code k} is the file {@code <root>/b/k}; key slashes become directories), so both products' output sits side by
 * side. An object goes to a hidden temporary file, is forced to disk, then renamed into place: a reader or a crash
 * never sees half an object. ({@code streams} cannot depend on {@code firehose}, hence this small twin.)
 *
 * <p>Thread-safe: puts of different keys are independent; for equal keys the last rename wins.
 */
public final class BucketDirectory {
    private final Path root;

    public BucketDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Throws unless objects can be written into {@code bucket}: its directory exists (it is created if missing, as
     * the embedded S3 creates buckets on first write) and is writable.
     */
    public void checkWritable(String bucket) throws IOException {
        Path bucketDir = bucketDirectory(bucket);
        Files.createDirectories(bucketDir);
        if (!Files.isWritable(bucketDir)) {
            throw new AccessDeniedException(bucket);
        }
    }

    /** Writes {@code content} as object {@code key} of {@code bucket} and returns its file. */
    public Path put(String bucket, String key, byte[] content) throws IOException {
        Path bucketDir = bucketDirectory(bucket);
        Path target = bucketDir.resolve(key).normalize();
        if (!target.startsWith(bucketDir) || target.equals(bucketDir)) {
            throw new IOException("object " + bucket + "/" + key + " would leave the bucket directory");
        }
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                file.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    private Path bucketDirectory(String bucket) throws IOException {
        Path bucketDir = root.resolve(bucket).normalize();
        if (!root.equals(bucketDir.getParent())) {
            throw new IOException("bucket " + bucket + " would leave the object store directory");
        }
        return bucketDir;
    }
}
