package io.millrace.log.local;

import io.millrace.log.StorageException;

import java.io.IOException;

/**
 * Converts I/O failures of the local store into typed {@link StorageException}s, once, as Aeron's
 * {@code checkErrorType} does. Thread safety: stateless.
 */
final class StorageFaults {
    private static final String NO_SPACE = "No space left on device";

    private StorageFaults() {
    }

    /** {@code STORAGE_FULL} when the device is full anywhere in the cause chain, otherwise {@code IO}. */
    static StorageException from(String action, IOException cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NO_SPACE)) {
                return new StorageException(StorageException.Kind.STORAGE_FULL, action + ": " + NO_SPACE, cause);
            }
        }
        return new StorageException(StorageException.Kind.IO, action + ": " + cause, cause);
    }

    static StorageException corrupt(String message) {
        return new StorageException(StorageException.Kind.CORRUPT, message, null);
    }

    static StorageException closed(String what) {
        return new StorageException(StorageException.Kind.CLOSED, what + " is closed", null);
    }
}
