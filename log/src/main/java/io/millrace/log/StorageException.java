package io.millrace.log;

/** A typed storage fault. The engine maps every one of these to InternalFailure, in one place. */
public final class StorageException extends RuntimeException {

    /** What went wrong, as far as callers need to know. */
    public enum Kind {
        STORAGE_FULL, CORRUPT, IO, CLOSED,
        /** Encrypted data whose master key (or key version) is not in the key ring, or a key id it cannot use. */
        KEY_UNAVAILABLE
    }

    private final Kind kind;

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
