package io.millrace.log.object;

import java.io.IOException;

/**
 * The S3 PutObject seam shared by everything that delivers objects: Firehose's S3 destination and Kinesis channels.
 * {@link LocalObjectStore} is the embedded store; an S3-compatible endpoint implements it where the AWS SDK is (the
 * firehose module). The server opens one store and hands it to both, so {@code --s3-endpoint} moves both products'
 * output at once.
 *
 * <p>Failures are {@link IOException}s; two kinds are told apart so callers can give a precise reason:
 * {@link NoSuchBucketException} and {@link java.nio.file.AccessDeniedException}.
 *
 * <p>Implementations are thread-safe.
 */
public interface ObjectStore {

    /** Returns once object {@code key} of {@code bucket} holds {@code content}, durable and visible whole, or throws. */
    void putObject(String bucket, String key, byte[] content) throws IOException;

    /**
     * Throws unless objects can be put into {@code bucket} now. Stores that create buckets on first write (the
     * embedded one) create it here; the others throw {@link NoSuchBucketException} for a bucket that does not exist.
     */
    void checkWritable(String bucket) throws IOException;
}
