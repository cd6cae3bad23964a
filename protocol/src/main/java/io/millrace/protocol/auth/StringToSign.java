package io.millrace.protocol.auth;

/**
 * Step 2 of SigV4: the algorithm, the request time, the credential scope and the hash of the canonical request,
 * one per line. Stateless.
 */
public final class StringToSign {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private StringToSign() {
    }

    /**
     * @param amzDate         the request time as signed, {@code yyyyMMdd'T'HHmmss'Z'}
     * @param scope           {@code yyyyMMdd/region/service/aws4_request}
     * @param canonicalRequest the output of {@link CanonicalRequest#of}
     */
    public static String of(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + CanonicalRequest.sha256Hex(canonicalRequest);
    }
}
