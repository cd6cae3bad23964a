/**
 * Who is calling and what they may do, enforced at the API edge. {@link io.millrace.server.auth.Authentication}
 * turns a request into a {@link io.millrace.server.auth.Caller} (SigV4 verified in {@code --auth=sigv4}, taken on
 * trust in {@code --auth=none}); {@link io.millrace.server.auth.AccessControl} decides, from identity and resource
 * policies and account boundaries, whether the caller may run the operation on the resource.
 * {@link io.millrace.server.auth.CredentialsFile} reads the identities. The algorithms live in
 * {@code io.millrace.protocol.auth}; this package only applies them.
 */
package io.millrace.server.auth;
