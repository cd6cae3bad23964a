package io.millrace.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The SigV4 credential scope a request names: {@code AKID/20260101/us-east-1/kinesis/aws4_request}, from the
 * {@code Authorization} header or, for presigned URLs, the {@code X-Amz-Credential} query parameter. Parsing is
 * lenient and returns {@code null} when nothing usable is there. The signature is not verified here.
 *
 * @param date yyyyMMdd as the client wrote it
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String CREDENTIAL_FIELD = "Credential=";
    private static final String CREDENTIAL_QUERY_PARAMETER = "X-Amz-Credential=";
    private static final int SCOPE_PARTS = 5;

    /** The scope of a request: the header first, then the presigned query; {@code null} when neither parses. */
    public static CredentialScope of(ApiRequest request) {
        CredentialScope fromHeader = fromAuthorization(request.header("authorization"));
        return fromHeader != null ? fromHeader : fromQuery(request.query());
    }

    /** From {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}; {@code null} if absent. */
    public static CredentialScope fromAuthorization(String authorization) {
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        if (!trimmed.regionMatches(true, 0, ALGORITHM, 0, ALGORITHM.length())) {
            return null;
        }
        for (String field : trimmed.substring(ALGORITHM.length()).split(",")) {
            String candidate = field.trim();
            if (candidate.regionMatches(true, 0, CREDENTIAL_FIELD, 0, CREDENTIAL_FIELD.length())) {
                return fromCredential(candidate.substring(CREDENTIAL_FIELD.length()));
            }
        }
        return null;
    }

    /** From the raw (undecoded) query string of a presigned request; {@code null} if absent. */
    public static CredentialScope fromQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String parameter : rawQuery.split("&")) {
            if (parameter.regionMatches(true, 0, CREDENTIAL_QUERY_PARAMETER, 0, CREDENTIAL_QUERY_PARAMETER.length())) {
                try {
                    return fromCredential(URLDecoder.decode(
                            parameter.substring(CREDENTIAL_QUERY_PARAMETER.length()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** From {@code AKID/date/region/service/aws4_request}; the access key id may not contain {@code /}. */
    static CredentialScope fromCredential(String credential) {
        String[] parts = credential.trim().split("/", -1);
        if (parts.length != SCOPE_PARTS || !"aws4_request".equals(parts[4])) {
            return null;
        }
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty()) {
                return null;
            }
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }
}
