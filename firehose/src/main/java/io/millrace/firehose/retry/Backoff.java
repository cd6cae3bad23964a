package io.millrace.firehose.retry;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait before the next attempt of a failing batch (FIREHOSE-REFERENCE §6.5): {@code initialMs} doubled per
 * retry already made, scaled by a uniform jitter factor in {@code [1 - jitter, 1 + jitter]}, capped at
 * {@code maxMs}. The uniform draw is injected so that tests get exact schedules. Immutable; thread-safe when the
 * draw is.
 *
 * @param uniform yields values in {@code [0, 1)}
 */
public record Backoff(long initialMs, long maxMs, double jitter, DoubleSupplier uniform) {

    public Backoff {
        if (initialMs <= 0) {
            throw new IllegalArgumentException("initialMs: " + initialMs + " (expected: > 0)");
        }
        if (maxMs < initialMs) {
            throw new IllegalArgumentException("maxMs: " + maxMs + " (expected: >= initialMs " + initialMs + ")");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: in [0, 1))");
        }
    }

    /** AWS's schedule: 1 s, ×2 per retry, ±15 % jitter, at most 2 minutes. */
    public static Backoff reference() {
        return reference(() -> ThreadLocalRandom.current().nextDouble());
    }

    public static Backoff reference(DoubleSupplier uniform) {
        return new Backoff(1_000, 120_000, 0.15, uniform);
    }

    /** The wait after the attempt numbered {@code retriesMade} (0 after the first attempt). */
    public long delayMs(int retriesMade) {
        double base = initialMs * Math.pow(2, Math.min(retriesMade, 40));
        double factor = 1 - jitter + 2 * jitter * uniform.getAsDouble();
        return Math.min(maxMs, Math.round(base * factor));
    }
}
