package io.millrace.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Step 1 of SigV4: the canonical request, built from exactly what the client sent. The rules are AWS's for every
 * service but S3: the raw path with dot segments removed and every byte outside the unreserved set encoded once
 * more (clients encode the path for the wire and again for signing), query parameters decoded, re-encoded and sorted
 * by name then value, signed headers only, by lower-case name, values trimmed with inner runs of whitespace
 * collapsed, then the signed header list and the payload hash. Stateless.
 */
public final class CanonicalRequest {
    /** The hash of an empty payload, which appears in every signed GET. */
    public static final String EMPTY_PAYLOAD_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");
    private static final HexFormat HEX = HexFormat.of();

    private CanonicalRequest() {
    }

    /**
     * The canonical request text.
     *
     * @param signedHeaders   lower-case names, in the order of the client's {@code SignedHeaders}
     * @param excludedQuery   a query parameter left out (the signature itself, for presigned requests), or null
     * @param payloadHash     hex SHA-256 of the body, or the literal the client signed instead (UNSIGNED-PAYLOAD)
     */
    public static String of(SignedRequest request, List<String> signedHeaders, String excludedQuery,
                            String payloadHash) {
        StringBuilder text = new StringBuilder(256);
        text.append(request.method()).append('\n');
        text.append(canonicalUri(request.rawPath())).append('\n');
        text.append(canonicalQuery(request.rawQuery(), excludedQuery)).append('\n');
        for (String name : signedHeaders) {
            text.append(name).append(':').append(canonicalValue(request.header(name))).append('\n');
        }
        text.append('\n').append(String.join(";", signedHeaders)).append('\n');
        text.append(payloadHash);
        return text.toString();
    }

    /** Lower-case hex SHA-256. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String canonicalUri(String rawPath) {
        return encode(removeDotSegments(rawPath), false);
    }

    static String canonicalQuery(String rawQuery, String excluded) {
        return QueryParameters.parse(rawQuery).pairs().stream()
                .filter(pair -> !pair.getKey().equals(excluded))
                .map(pair -> Map.entry(encode(pair.getKey(), true), encode(pair.getValue(), true)))
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(pair -> pair.getKey() + "=" + pair.getValue())
                .reduce((a, b) -> a + "&" + b)
                .orElse("");
    }

    static String canonicalValue(String value) {
        return value == null ? "" : WHITESPACE_RUN.matcher(value.strip()).replaceAll(" ");
    }

    /** RFC 3986 §5.2.4, as the SDKs apply it before signing; empty segments ({@code //}) are kept. */
    static String removeDotSegments(String path) {
        Deque<String> output = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean isLast = i == segments.length - 1;
            if (segment.equals(".")) {
                if (isLast) {
                    output.addLast("");
                }
            } else if (segment.equals("..")) {
                output.pollLast();
                if (isLast) {
                    output.addLast("");
                }
            } else {
                output.addLast(segment);
            }
        }
        return "/" + String.join("/", output);
    }

    /** AWS URI encoding: unreserved characters stay, everything else is {@code %XX} upper-case, per UTF-8 byte. */
    static String encode(String text, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
