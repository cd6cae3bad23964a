package io.millrace.protocol.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Step 3 of SigV4: the key derived from the secret by chaining HMAC-SHA256 over the scope's date, region, service
 * and {@code aws4_request}, and the signature it makes of a string to sign. Immutable and thread-safe (a fresh
 * {@link Mac} per call; they are cheap next to the request they guard).
 */
public final class SigningKey {
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final String TERMINATOR = "aws4_request";

    private final byte[] key;

    private SigningKey(byte[] key) {
        this.key = key;
    }

    /** Derives the key for one day, region and service. */
    public static SigningKey derive(String secretAccessKey, String date, String region, String service) {
        byte[] dateKey = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] regionKey = hmac(dateKey, region);
        byte[] serviceKey = hmac(regionKey, service);
        return new SigningKey(hmac(serviceKey, TERMINATOR));
    }

    /** The lower-case hex signature of {@code stringToSign}. */
    public String sign(String stringToSign) {
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
