package io.millrace.log;

import java.util.List;

/**
 * One shard's append-only record log. Positions are dense, start at 0 for a new log and never change meaning;
 * the engine maps them to Kinesis sequence numbers. Implementations: the durable segmented log, the in-memory
 * log, and the Kafka backend (module {@code kafka}).
 *
 * <p>Thread safety: every method may be called from any thread. Appends to one log are serialised by the
 * implementation; reads never block appends for longer than it takes to publish a position.
 */
public interface ShardLog extends AutoCloseable {

    /**
     * Appends {@code records} as one batch, in order. The returned result's {@link AppendResult#durable()} completes
     * once the batch is as durable as the store's durability mode promises, with each record's position and arrival
     * time; callers acknowledge only then. Positions and arrival times are known only at that point: a remote log
     * learns them from the broker, which may interleave other writers. Local logs give the whole batch one arrival
     * time, {@code max(nowMs, lastArrivalMs)}, so it never goes backwards within a log; a remote log uses its
     * broker's clock and ignores {@code nowMs}.
     *
     * @throws StorageException when the batch could not be written; nothing of it is then visible to readers
     */
    AppendResult append(List<LogRecord> records, long nowMs);

    /**
     * As {@link #append(List, long)}, encrypting the batch at rest with the newest version of the master key
     * {@code encryptionKeyId} names in the store's {@link io.millrace.log.crypto.KeyRing} ({@code null}: stored in
     * plaintext, exactly as the two-argument form). Records read back carry the key id
     * ({@link StoredRecord#encryptionKeyId()}). Encryption is a property of each batch, so one log may hold both.
     * The default refuses any key: a backend that cannot encrypt at rest must never pretend to.
     *
     * @throws StorageException {@code KEY_UNAVAILABLE} when the key ring has no such key (or this backend cannot
     *                          encrypt); nothing is then appended
     */
    default AppendResult append(List<LogRecord> records, long nowMs, String encryptionKeyId) {
        if (encryptionKeyId == null) {
            return append(records, nowMs);
        }
        throw new StorageException(StorageException.Kind.KEY_UNAVAILABLE, getClass().getSimpleName()
                + " does not encrypt at rest", null);
    }

    /**
     * Reads records starting at {@code fromPosition} (clamped to {@link #startPosition()}), stopping after
     * {@code maxRecords} records or before the record that would take the total of
     * {@link StoredRecord#sizeInBytes()} past {@code maxBytes} (at least one record is returned if any exists).
     * Only records visible at call time are returned.
     */
    ReadResult read(long fromPosition, int maxRecords, long maxBytes);

    /** The position the next appended record will get (the count of records ever appended). */
    long endPosition();

    /** The first position still stored; {@code endPosition()} when nothing is stored. */
    long startPosition();

    /** Arrival time of the newest record, or -1 when the log is empty. */
    long lastArrivalMs();

    /**
     * The position of the first stored record whose arrival time is {@code >= timestampMs},
     * or {@link #endPosition()} when there is none.
     */
    long positionForTimestamp(long timestampMs);

    /**
     * Drops stored records that arrived before {@code cutoffMs}. Implementations may keep some older records
     * (for example a segment that still holds newer ones); readers filter by arrival time at the edge.
     */
    void trimOlderThan(long cutoffMs);

    /**
     * Asks to be told, by a call of {@code listener}, soon after records appended by <em>other processes</em>
     * become readable; appends through this process are announced by the engine itself. {@code listener} runs on the
     * store's thread and must only signal (never block or read). Logs that only this process writes return
     * {@link AppendWatch#NONE}, the default.
     */
    default AppendWatch watchAppends(Runnable listener) {
        return AppendWatch.NONE;
    }

    /** Capabilities that differ between backends. */
    default LogCapabilities capabilities() {
        return LogCapabilities.DEFAULT;
    }

    @Override
    void close();
}
