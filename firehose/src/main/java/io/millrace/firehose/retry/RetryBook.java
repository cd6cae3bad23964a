package io.millrace.firehose.retry;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The retry state of every stream whose head batch is failing, keyed by the stream's buffer log key (unique per
 * creation). Kept in memory: after a restart a failing batch starts a fresh retry window, which only lengthens how
 * long it is tried, never loses it. Thread-safe.
 */
public final class RetryBook {
    private final Map<String, PendingRetry> pending = new ConcurrentHashMap<>();

    PendingRetry get(String streamKey) {
        return pending.get(streamKey);
    }

    void put(String streamKey, PendingRetry retry) {
        pending.put(streamKey, retry);
    }

    /** Forgets the stream's state: its batch was delivered or given up, or the stream is gone. */
    public void forget(String streamKey) {
        pending.remove(streamKey);
    }

    /** Forgets the state of every stream not in {@code liveStreamKeys}: deleted streams leave nothing behind. */
    public void retainOnly(Set<String> liveStreamKeys) {
        pending.keySet().retainAll(liveStreamKeys);
    }

    /** How many attempts the stream's failing batch has had; 0 when none is failing. */
    public int attempts(String streamKey) {
        PendingRetry retry = pending.get(streamKey);
        return retry == null ? 0 : retry.attempts();
    }
}
