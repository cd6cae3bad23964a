package io.millrace.protocol.codec;

import io.millrace.protocol.error.ApiException;

import java.util.Base64;

/**
 * Decodes a base64 blob member (standard alphabet, padded) the way AWS's JSON front end does, failing with
 * the SerializationException texts AWS sends (REFERENCE §7.2, typos included). Stateless.
 */
final class Base64Blob {
    private Base64Blob() {
    }

    static byte[] decode(String text) {
        byte[] decoded = tryDecode(text);
        if (decoded != null) {
            return decoded;
        }
        if (text.length() % 4 != 0) {
            throw invalid(text, "Base64 encoded length is expected a multiple of 4 bytes but found: "
                    + text.length());
        }
        // The JDK's decoder rejects every text with a character outside the alphabet or a misplaced pad, so the
        // character-by-character scan that names the offending character runs only for texts it refuses.
        if (jdkDecode(text) == null) {
            throw explain(text);
        }
        throw invalid(text, "Invalid last non-pad Base64 character dectected");
    }

    /**
     * The bytes of a text AWS accepts as base64, or {@code null} for any other, without building the message that
     * {@link #decode} throws (which quotes the whole text).
     */
    static byte[] tryDecode(String text) {
        if (text.length() % 4 != 0) {
            return null;
        }
        byte[] decoded = jdkDecode(text);
        int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
        return decoded != null && hasCanonicalTail(text, padding) ? decoded : null;
    }

    private static byte[] jdkDecode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The exception AWS sends for a text the JDK's decoder refused. */
    private static ApiException explain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean misplacedPad = c == '=' && i + 1 < text.length() && text.charAt(i + 1) != '=';
            if (sextet(c) < 0 && c != '=' || misplacedPad) {
                return invalid(text, "Invalid Base64 character: '" + c + "'");
            }
        }
        // Only pads in the wrong number are left (such as "A==="): AWS names the last data character.
        return invalid(text, "Invalid last non-pad Base64 character dectected");
    }

    /**
     * At most two pad characters, and the bits the last data character carries beyond the final byte must be
     * zero; otherwise re-encoding would not give back the same text, which is what AWS rejects.
     */
    private static boolean hasCanonicalTail(String text, int padding) {
        if (padding == 0) {
            return true;
        }
        if (padding > 2) {
            return false;
        }
        int last = sextet(text.charAt(text.length() - padding - 1));
        int unusedBitsMask = padding == 1 ? 0x3 : 0xF;
        return (last & unusedBitsMask) == 0;
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        return c == '/' ? 63 : -1;
    }

    private static ApiException invalid(String text, String reason) {
        return ApiException.typeError("'" + text + "' can not be converted to a Blob: " + reason);
    }
}
