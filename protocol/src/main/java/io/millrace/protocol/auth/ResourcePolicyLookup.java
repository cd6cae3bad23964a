package io.millrace.protocol.auth;

/**
 * The resource policy attached to a stream or consumer (PutResourcePolicy). The engine owns the policies; the API
 * edge only reads them through this seam when it authorises a request. Implementations must be thread-safe and
 * cheap: this is called once per authorised request.
 */
@FunctionalInterface
public interface ResourcePolicyLookup {
    /** No resource has a policy. */
    ResourcePolicyLookup NONE = resourceArn -> null;

    /** The policy document (JSON text) attached to {@code resourceArn}, or {@code null} when there is none. */
    String policyOf(String resourceArn);
}
