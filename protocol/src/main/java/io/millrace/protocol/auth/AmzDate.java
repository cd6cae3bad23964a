package io.millrace.protocol.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** SigV4's time format, {@code yyyyMMdd'T'HHmmss'Z'} in UTC, and the RFC 1123 {@code Date} header it may replace. */
final class AmzDate {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AmzDate() {
    }

    static String format(Instant instant) {
        return BASIC.format(instant);
    }

    /** The instant of a basic-format date, or {@code null} when it is not one. */
    static Instant parse(String text) {
        try {
            return ZonedDateTime.parse(text, BASIC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant of an HTTP {@code Date} header, or {@code null}. */
    static Instant parseHttpDate(String text) {
        try {
            return ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
