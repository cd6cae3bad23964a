package io.millrace.protocol.auth;

import io.millrace.protocol.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Verifies AWS Signature Version 4 on a request, in the header form and the presigned query-string form, and names
 * the caller. Every failure is the {@link ApiException} AWS answers with: missing, incomplete, malformed, expired
 * (more than five minutes of clock skew, or past {@code X-Amz-Expires}), unknown access key or session token, and
 * signature mismatch. Thread-safe: immutable apart from what the clock and the identity store do.
 */
public final class SignatureVerifier {
    /** How far the client's clock may be from ours, either way. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final String TERMINATOR = "aws4_request";
    private static final String STREAMING_PREFIX = "STREAMING-";
    private static final int SCOPE_PARTS = 5;

    private final IdentityStore identities;
    private final Clock clock;
    private final String service;

    /** @param service the signing name clients scope their credentials to, e.g. {@code kinesis} */
    public SignatureVerifier(IdentityStore identities, Clock clock, String service) {
        this.identities = identities;
        this.clock = clock;
        this.service = service;
    }

    /**
     * Checks only that one complete signature is present (header or query form), with the errors AWS gives when it
     * is not; what AWS checks on requests it does not route to an operation.
     */
    public static void checkPresence(SignedRequest request) {
        parts(request);
    }

    /** The verified caller. */
    public Identity verify(SignedRequest request) {
        SignatureParts parts = parts(request);
        if (!StringToSign.ALGORITHM.equals(parts.algorithm())) {
            throw SignatureErrors.unsupportedAlgorithm(parts.algorithm());
        }
        String[] scope = parts.credential().split("/", -1);
        if (scope.length != SCOPE_PARTS) {
            throw SignatureErrors.malformedCredential(parts.credential());
        }
        Instant signedAt = AmzDate.parse(parts.date());
        if (signedAt == null) {
            throw SignatureErrors.malformedDate(parts.date());
        }
        Identity identity = identities.find(scope[0]);
        if (identity == null) {
            throw SignatureErrors.unknownToken();
        }
        checkTime(parts, signedAt);
        checkScope(scope, parts.date());
        checkSessionToken(identity, parts.securityToken());
        if (!parts.signedHeaders().contains("host") && !parts.signedHeaders().contains(SignedRequest.AUTHORITY)) {
            throw SignatureErrors.hostNotSigned();
        }
        checkSignature(request, parts, scope, identity);
        return identity;
    }

    private static SignatureParts parts(SignedRequest request) {
        String authorization = request.header("authorization");
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        boolean isPresigned = query.has("X-Amz-Algorithm");
        if (authorization != null && isPresigned) {
            throw SignatureErrors.bothForms();
        }
        if (authorization == null && !isPresigned) {
            throw SignatureErrors.missing();
        }
        return authorization != null
                ? SignatureParts.fromHeader(authorization, request)
                : SignatureParts.fromQuery(query);
    }

    private void checkTime(SignatureParts parts, Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw SignatureErrors.notYetCurrent(parts.date(), now.plus(MAX_CLOCK_SKEW), now);
        }
        if (parts.expiresSeconds() != null) {
            Duration validity = Duration.ofSeconds(parts.expiresSeconds());
            if (signedAt.isBefore(now.minus(validity))) {
                // [UNVERIFIED] wording for presigned requests past X-Amz-Expires.
                throw SignatureErrors.expired(parts.date(), now.minus(validity), now,
                        parts.expiresSeconds() + " sec");
            }
        } else if (signedAt.isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw SignatureErrors.expired(parts.date(), now.minus(MAX_CLOCK_SKEW), now, "5 min");
        }
    }

    private void checkScope(String[] scope, String date) {
        if (!TERMINATOR.equals(scope[4])) {
            throw SignatureErrors.wrongTerminator(scope[4]);
        }
        if (!service.equals(scope[3])) {
            throw SignatureErrors.wrongService(service);
        }
        if (!date.startsWith(scope[1]) || scope[1].length() != 8) {
            throw SignatureErrors.scopeDateMismatch(scope[1], date);
        }
    }

    private static void checkSessionToken(Identity identity, String presented) {
        String expected = identity.sessionToken();
        if (expected == null ? presented != null : !constantTimeEquals(expected, presented)) {
            throw SignatureErrors.unknownToken();
        }
    }

    private static void checkSignature(SignedRequest request, SignatureParts parts, String[] scope,
                                       Identity identity) {
        String excluded = parts.isPresigned() ? "X-Amz-Signature" : null;
        String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        SigningKey key = SigningKey.derive(identity.secretAccessKey(), scope[1], scope[2], scope[3]);
        List<String> payloadHashes = payloadHashes(request, parts.isPresigned());
        String canonical = null;
        String stringToSign = null;
        for (String payloadHash : payloadHashes) {
            canonical = CanonicalRequest.of(request, parts.signedHeaders(), excluded, payloadHash);
            stringToSign = StringToSign.of(parts.date(), credentialScope, canonical);
            if (constantTimeEquals(key.sign(stringToSign), parts.signature())) {
                return;
            }
        }
        throw SignatureErrors.mismatch(canonical, stringToSign);
    }

    /**
     * The payload hashes the client may have signed. A declared {@code x-amz-content-sha256} is what was signed, but
     * a hex value must also be the body's real hash, or the body was changed after signing. Presigned requests from
     * the SDKs sign either the body or {@code UNSIGNED-PAYLOAD}; both are tried, the body first.
     */
    private static List<String> payloadHashes(SignedRequest request, boolean isPresigned) {
        String actual = CanonicalRequest.sha256Hex(request.body());
        String declared = request.header("x-amz-content-sha256");
        if (declared == null) {
            return isPresigned ? List.of(actual, UNSIGNED_PAYLOAD) : List.of(actual);
        }
        declared = declared.trim();
        if (declared.startsWith(STREAMING_PREFIX)) {
            throw SignatureErrors.chunkedPayload(declared);
        }
        if (declared.equals(UNSIGNED_PAYLOAD)) {
            return List.of(UNSIGNED_PAYLOAD);
        }
        // A declared hash that is not the body's: the signature is checked against the real body, so it fails.
        return List.of(declared.equalsIgnoreCase(actual) ? declared : actual);
    }

    private static boolean constantTimeEquals(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
