/**
 * AWS Signature Version 4 verification and IAM-style policy evaluation, with no transport in sight.
 *
 * <p>Start at {@link io.millrace.protocol.auth.SignatureVerifier}: it takes a {@link
 * io.millrace.protocol.auth.SignedRequest} (what the client sent, byte for byte), finds the caller's {@link
 * io.millrace.protocol.auth.Identity} and either returns it or throws the {@code ApiException} AWS would answer.
 * {@link io.millrace.protocol.auth.CanonicalRequest}, {@link io.millrace.protocol.auth.StringToSign} and {@link
 * io.millrace.protocol.auth.SigningKey} are the three steps of the algorithm. {@link
 * io.millrace.protocol.auth.PolicyDocument} evaluates identity and resource policies; {@link
 * io.millrace.protocol.auth.ResourcePolicyLookup} is how the engine will hand stream resource policies over.
 */
package io.millrace.protocol.auth;
