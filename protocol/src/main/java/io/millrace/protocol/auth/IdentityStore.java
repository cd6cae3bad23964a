package io.millrace.protocol.auth;

/** Finds the identity that owns an access key id. Implementations must be thread-safe. */
@FunctionalInterface
public interface IdentityStore {
    /** The identity, or {@code null} when the key is unknown. */
    Identity find(String accessKeyId);
}
