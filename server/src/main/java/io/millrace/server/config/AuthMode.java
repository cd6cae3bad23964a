package io.millrace.server.config;

import java.util.Locale;

/** How requests are authenticated. */
public enum AuthMode {
    /** Local development: signatures are not checked; the access key id names the account when it is 12 digits. */
    NONE,
    /** Every request must be signed (SigV4) by an identity of the credentials file. */
    SIGV4;

    /** From {@code none} or {@code sigv4}, any case. */
    public static AuthMode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
