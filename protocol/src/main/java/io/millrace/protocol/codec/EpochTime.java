package io.millrace.protocol.codec;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Conversions between wire timestamps and epoch milliseconds. JSON carries epoch seconds with a fraction;
 * the Java SDK's CBOR carries integer epoch milliseconds (REFERENCE §1.2, §1.3). Stateless.
 */
final class EpochTime {
    private static final BigDecimal MIN_MILLIS = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);

    private EpochTime() {
    }

    /** Epoch seconds (any precision) to epoch millis, floored and clamped to {@code long}. */
    static long millisFromSeconds(BigDecimal seconds) {
        return clampToLong(seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR));
    }

    static long millisFromSeconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return 0;
        }
        if (Double.isInfinite(seconds)) {
            return seconds > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return millisFromSeconds(BigDecimal.valueOf(seconds));
    }

    static long clampToLong(BigDecimal value) {
        if (value.compareTo(MIN_MILLIS) <= 0) {
            return Long.MIN_VALUE;
        }
        if (value.compareTo(MAX_MILLIS) >= 0) {
            return Long.MAX_VALUE;
        }
        return value.longValue();
    }

    /** Epoch millis as the JSON number text AWS sends: {@code 1459799926.48}, or {@code 1459799926} when whole. */
    static String secondsText(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3).stripTrailingZeros().toPlainString();
    }
}
