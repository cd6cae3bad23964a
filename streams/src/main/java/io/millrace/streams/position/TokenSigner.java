package io.millrace.streams.position;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates self-contained tokens with HMAC-SHA256 truncated to {@link #TAG_BYTES} bytes, so any node holding
 * the same secret can trust a token it did not issue. Thread-safe: a {@link Mac} is created per call.
 */
final class TokenSigner {
    static final int TAG_BYTES = 16;

    private final SecretKeySpec key;

    TokenSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("secret: " + secret.length + " bytes (expected: >= 16)");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** {@code payload} followed by its tag. */
    byte[] sign(byte[] payload) {
        byte[] tag = tag(payload, payload.length);
        byte[] signed = Arrays.copyOf(payload, payload.length + TAG_BYTES);
        System.arraycopy(tag, 0, signed, payload.length, TAG_BYTES);
        return signed;
    }

    /** The payload of {@code signed} when its tag is genuine, else {@code null}. */
    byte[] verify(byte[] signed) {
        if (signed.length <= TAG_BYTES) {
            return null;
        }
        int payloadLength = signed.length - TAG_BYTES;
        byte[] expected = tag(signed, payloadLength);
        byte[] actual = Arrays.copyOfRange(signed, payloadLength, signed.length);
        return MessageDigest.isEqual(expected, actual) ? Arrays.copyOf(signed, payloadLength) : null;
    }

    private byte[] tag(byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(bytes, 0, length);
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides HmacSHA256", e);
        }
    }
}
