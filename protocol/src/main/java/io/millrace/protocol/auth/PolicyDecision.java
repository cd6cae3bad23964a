package io.millrace.protocol.auth;

/** What one policy says about one request. IAM's order: an explicit {@link #DENY} beats any {@link #ALLOW}. */
public enum PolicyDecision {
    ALLOW,
    DENY,
    /** No statement applies: an implicit deny unless another policy allows. */
    NOT_APPLICABLE
}
