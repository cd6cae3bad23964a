package io.millrace.log.object;

import java.io.IOException;

/** An {@link ObjectStore} has no bucket of this name and does not create one on write. Immutable. */
public final class NoSuchBucketException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoSuchBucketException(String bucket, Throwable cause) {
        super("bucket " + bucket + " does not exist", cause);
    }
}
