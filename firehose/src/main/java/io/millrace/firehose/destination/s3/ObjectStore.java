package io.millrace.firehose.destination.s3;

import java.io.IOException;

/**
 * The S3 PutObject seam: the embedded {@link LocalObjectStore} now, an S3-compatible endpoint later.
 * {@link #putObject} returns once the object is durable and visible whole, or throws.
 */
public interface ObjectStore {

    void putObject(String bucket, String key, byte[] content) throws IOException;
}
