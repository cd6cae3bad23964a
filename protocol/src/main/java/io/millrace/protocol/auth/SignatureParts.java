package io.millrace.protocol.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of a SigV4 signature, from the {@code Authorization} header or from a presigned query string, checked
 * for completeness with AWS's messages (reference §1.4 step 8). Immutable.
 *
 * @param date          the request time as the client wrote it (X-Amz-Date, or the Date header converted)
 * @param expiresSeconds X-Amz-Expires of a presigned request; {@code null} for the header form
 * @param securityToken  the session token the request carries, or {@code null}
 */
record SignatureParts(String algorithm, String credential, List<String> signedHeaders, String signature,
                      String date, Long expiresSeconds, String securityToken, boolean isPresigned) {

    private static final String[] HEADER_PARAMETERS = {"Credential", "Signature", "SignedHeaders"};
    private static final String[] QUERY_PARAMETERS =
        {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"};
    private static final long MAX_EXPIRES_SECONDS = 604_800;

    static SignatureParts fromHeader(String authorization, SignedRequest request) {
        String[] tokens = Arrays.stream(authorization.split("[, ]")).filter(t -> !t.isEmpty()).toArray(String[]::new);
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            int equals = tokens[i].indexOf('=');
            if (equals > 0) {
                parameters.put(tokens[i].substring(0, equals), tokens[i].substring(equals + 1));
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String name : HEADER_PARAMETERS) {
            if (parameters.getOrDefault(name, "").isEmpty()) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        String amzDate = request.header("x-amz-date");
        String httpDate = request.header("date");
        if (amzDate == null && httpDate == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw SignatureErrors.incomplete(missing + "Authorization=" + authorization);
        }
        return new SignatureParts(tokens[0], parameters.get("Credential"),
                List.of(parameters.get("SignedHeaders").split(";")), parameters.get("Signature"),
                amzDate != null ? amzDate.trim() : fromHttpDate(httpDate), null,
                request.header("x-amz-security-token"), false);
    }

    static SignatureParts fromQuery(QueryParameters query) {
        StringBuilder missing = new StringBuilder();
        for (String name : QUERY_PARAMETERS) {
            if (query.first(name) == null || query.first(name).isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(name).append("'. ");
            }
        }
        if (missing.length() > 0) {
            throw SignatureErrors.incomplete(missing + "Re-examine the query-string parameters.");
        }
        return new SignatureParts(query.first("X-Amz-Algorithm"), query.first("X-Amz-Credential"),
                List.of(query.first("X-Amz-SignedHeaders").split(";")), query.first("X-Amz-Signature"),
                query.first("X-Amz-Date"), expires(query.first("X-Amz-Expires")),
                query.first("X-Amz-Security-Token"), true);
    }

    private static Long expires(String text) {
        if (text == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw SignatureErrors.badExpires(text);
    }

    /** A Date header stands in for X-Amz-Date; the string to sign still uses the basic format. */
    private static String fromHttpDate(String httpDate) {
        var instant = AmzDate.parseHttpDate(httpDate);
        if (instant == null) {
            throw SignatureErrors.malformedDate(httpDate);
        }
        return AmzDate.format(instant);
    }
}
