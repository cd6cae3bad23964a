package io.millrace.server.auth;

import io.millrace.protocol.auth.Identity;
import io.millrace.protocol.auth.IdentityStore;
import io.millrace.protocol.auth.SignatureVerifier;
import io.millrace.protocol.auth.SignedRequest;
import io.millrace.protocol.error.ApiException;
import io.millrace.server.http.ApiRequest;
import io.millrace.server.http.CredentialScope;

import java.time.Clock;

/**
 * Names the caller of a request. With {@code --auth=none} nothing is verified: the account is the access key id when
 * that is 12 digits (else the configured default), the region that of the credential scope. With
 * {@code --auth=sigv4} the signature must verify against an identity, whose account it then is; failures are the
 * {@link ApiException}s AWS answers. Thread-safe.
 */
public final class Authentication {
    /** The signing name Kinesis clients scope their credentials to. */
    public static final String KINESIS_SERVICE = "kinesis";
    /** The signing name Firehose clients scope their credentials to. */
    public static final String FIREHOSE_SERVICE = "firehose";
    /** The signing name STS clients scope their credentials to (Millrace serves its GetCallerIdentity). */
    public static final String STS_SERVICE = "sts";

    private final SignatureVerifier verifier;
    private final String defaultAccountId;
    private final String defaultRegion;

    private Authentication(SignatureVerifier verifier, String defaultAccountId, String defaultRegion) {
        this.verifier = verifier;
        this.defaultAccountId = defaultAccountId;
        this.defaultRegion = defaultRegion;
    }

    /** {@code --auth=none}. */
    public static Authentication none(String defaultAccountId, String defaultRegion) {
        return new Authentication(null, defaultAccountId, defaultRegion);
    }

    /** {@code --auth=sigv4}: every request must be signed by an identity of {@code identities}. */
    public static Authentication sigV4(IdentityStore identities, Clock clock,
                                       String defaultRegion) {
        return sigV4(identities, clock, defaultRegion, KINESIS_SERVICE);
    }

    /** {@code --auth=sigv4} for requests signed for {@code service} (e.g. {@link #FIREHOSE_SERVICE}). */
    public static Authentication sigV4(IdentityStore identities, Clock clock, String defaultRegion, String service) {
        return new Authentication(new SignatureVerifier(identities, clock, service), null, defaultRegion);
    }

    public boolean isEnforced() {
        return verifier != null;
    }

    /** The caller; throws the AWS authentication error when signatures are enforced and this one fails. */
    public Caller authenticate(ApiRequest request) {
        CredentialScope scope = CredentialScope.of(request);
        String region = scope != null && scope.region() != null && !scope.region().isBlank()
                ? scope.region() : defaultRegion;
        if (verifier == null) {
            String accountId = scope != null && scope.accessKeyId() != null && scope.accessKeyId().matches("\\d{12}")
                    ? scope.accessKeyId() : defaultAccountId;
            return new Caller(accountId, region, Identity.rootArn(accountId), null);
        }
        Identity identity = verifier.verify(signedRequest(request));
        return new Caller(identity.accountId(), region, identity.principalArn(), identity.policy());
    }

    /**
     * For requests on AWS's "XML path" (reference §1.4 step 2): only whether a signature is present and complete is
     * checked there. Returns the failure, or {@code null} when the request counts as signed or signatures are not
     * enforced.
     */
    public ApiException presenceFailure(ApiRequest request) {
        if (verifier == null) {
            return null;
        }
        try {
            SignatureVerifier.checkPresence(signedRequest(request));
            return null;
        } catch (ApiException e) {
            return e;
        }
    }

    /**
     * The request exactly as signed. Over HTTP/2 there is no {@code host} header but an {@code :authority}; Netty's
     * HTTP/2-to-HTTP/1 conversion hands it over as {@code host}, which is what SigV4 clients sign either way.
     */
    static SignedRequest signedRequest(ApiRequest request) {
        return new SignedRequest(request.method(), request.path(), request.query(), request.headers(),
                request.body());
    }
}
