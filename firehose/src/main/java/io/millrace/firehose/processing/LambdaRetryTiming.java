package io.millrace.firehose.processing;

import java.util.function.IntToLongFunction;

/**
 * How long the {@code Lambda} processor waits before retrying a failed invocation, and how it waits. The delay after
 * the attempt numbered {@code retriesMade} (0 after the first attempt) comes from {@code delayMs} (the server passes
 * Firehose's retry backoff: 1 s doubling, with jitter, at most 2 minutes); {@code sleeper} waits it out. Both are
 * injected so that tests run exact schedules without sleeping. Immutable; thread-safe when its parts are.
 */
public record LambdaRetryTiming(IntToLongFunction delayMs, Sleeper sleeper) {

    /** 1 s doubling per retry, at most 2 minutes, without jitter, waited with {@link Thread#sleep}. */
    public static final LambdaRetryTiming DEFAULT =
            new LambdaRetryTiming(retriesMade -> Math.min(120_000L, 1_000L << Math.min(retriesMade, 7)),
                    Thread::sleep);

    /** Waits a number of milliseconds; interruptible. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    /** {@code delayMs} waited with {@link Thread#sleep}. */
    public static LambdaRetryTiming sleeping(IntToLongFunction delayMs) {
        return new LambdaRetryTiming(delayMs, Thread::sleep);
    }

    /** Waits before the retry that follows attempt {@code retriesMade + 1}. */
    void pauseAfter(int retriesMade) throws InterruptedException {
        long ms = delayMs.applyAsLong(retriesMade);
        if (ms > 0) {
            sleeper.sleep(ms);
        }
    }
}
