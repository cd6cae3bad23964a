package io.millrace.server.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole objects in a bucket of the embedded S3 directory, for ITs that check what Firehose or a channel delivered.
 * Only regular files that are not hidden count: the object store writes each object to a hidden file and renames it
 * into place once whole, so a walk that meets a hidden file meets an object still being written. Stateless.
 */
final class BucketObjects {
    private BucketObjects() {
    }

    /** The bucket's whole objects, sorted by path; none when the bucket does not exist yet. */
    static List<Path> list(Path bucket) throws IOException {
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /** Polls until the bucket holds an object or {@code timeout} has passed; returns its objects then (maybe none). */
    static List<Path> await(Path bucket, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Path> objects = list(bucket);
        while (objects.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling the file system for the background delivery; bounded by the deadline
            objects = list(bucket);
        }
        return objects;
    }
}
