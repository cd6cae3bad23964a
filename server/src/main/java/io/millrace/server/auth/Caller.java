package io.millrace.server.auth;

import io.millrace.protocol.auth.PolicyDocument;

/**
 * Who made a request and where it acts: the account and region its streams live in, the principal named in
 * access-denied messages, and the identity policy that limits it ({@code null}: unrestricted in its own account).
 * Immutable.
 */
public record Caller(String accountId, String region, String principalArn, PolicyDocument policy) {
}
