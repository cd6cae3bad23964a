package io.millrace.streams.limit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The per-shard data-plane limits of a provisioned stream (reference 5.4), opt-in: writes 1 MiB/s and 1,000
 * records/s, GetRecords 5 calls/s and 2 MiB/s. Shards are identified by their stream's storage key (unique per
 * stream incarnation) and index, so a re-created stream starts with full buckets. When not enforced every check
 * passes and nothing is stored.
 *
 * <p>Design note: these checks sit inside PutRecord(s) and GetRecords rather than in a decorator because only the
 * operation knows which shard a record goes to, and PutRecords must fail single records, never the whole call.
 *
 * <p>Thread safety: thread-safe; each shard's buckets change under that shard's own monitor.
 */
public final class ShardThroughput {
    public static final long WRITE_BYTES_PER_SECOND = 1024 * 1024;
    public static final long WRITE_RECORDS_PER_SECOND = 1_000;
    public static final long READ_CALLS_PER_SECOND = 5;
    public static final long READ_BYTES_PER_SECOND = 2 * 1024 * 1024;

    private final boolean enforced;
    private final Clock clock;
    private final Map<ShardRef, Buckets> shards = new ConcurrentHashMap<>();

    private ShardThroughput(boolean enforced, Clock clock) {
        this.enforced = enforced;
        this.clock = clock;
    }

    /** Limits enforced against {@code clock}. */
    public static ShardThroughput enforced(Clock clock) {
        return new ShardThroughput(true, clock);
    }

    /** No limits: every check passes. */
    public static ShardThroughput unlimited() {
        return new ShardThroughput(false, Clock.systemUTC());
    }

    public boolean isEnforced() {
        return enforced;
    }

    /** Admits and charges one record of {@code bytes} to the shard, or returns false and charges nothing. */
    public boolean tryWrite(String streamStorageKey, int shardIndex, long bytes) {
        return !enforced || buckets(streamStorageKey, shardIndex).tryWrite(bytes, clock.millis());
    }

    /** Admits and charges one GetRecords call, or returns false: over 5 calls/s or still repaying read bytes. */
    public boolean tryRead(String streamStorageKey, int shardIndex) {
        return !enforced || buckets(streamStorageKey, shardIndex).tryRead(clock.millis());
    }

    /**
     * Charges the bytes a GetRecords call returned; may leave the shard in debt until refills repay it. The size is
     * only computed when limits are enforced: it costs a pass over up to 10,000 records.
     */
    public void onRead(String streamStorageKey, int shardIndex, LongSupplier bytes) {
        if (enforced) {
            buckets(streamStorageKey, shardIndex).onRead(bytes.getAsLong(), clock.millis());
        }
    }

    private Buckets buckets(String streamStorageKey, int shardIndex) {
        return shards.computeIfAbsent(new ShardRef(streamStorageKey, shardIndex), k -> new Buckets(clock.millis()));
    }

    private record ShardRef(String streamStorageKey, int shardIndex) {
    }

    /** One shard's four buckets; every method holds the monitor so checks and charges are atomic. */
    private static final class Buckets {
        private TokenBucket writeBytes;
        private TokenBucket writeRecords;
        private TokenBucket readCalls;
        private TokenBucket readBytes;

        Buckets(long nowMs) {
            writeBytes = TokenBucket.full(WRITE_BYTES_PER_SECOND, WRITE_BYTES_PER_SECOND, nowMs);
            writeRecords = TokenBucket.full(WRITE_RECORDS_PER_SECOND, WRITE_RECORDS_PER_SECOND, nowMs);
            readCalls = TokenBucket.full(READ_CALLS_PER_SECOND, READ_CALLS_PER_SECOND, nowMs);
            readBytes = TokenBucket.full(READ_BYTES_PER_SECOND, READ_BYTES_PER_SECOND, nowMs);
        }

        synchronized boolean tryWrite(long bytes, long nowMs) {
            writeBytes = writeBytes.refill(nowMs);
            writeRecords = writeRecords.refill(nowMs);
            if (!writeBytes.admits(bytes) || !writeRecords.admits(1)) {
                return false;
            }
            writeBytes = writeBytes.take(bytes);
            writeRecords = writeRecords.take(1);
            return true;
        }

        synchronized boolean tryRead(long nowMs) {
            readCalls = readCalls.refill(nowMs);
            readBytes = readBytes.refill(nowMs);
            if (!readCalls.admits(1) || !readBytes.hasTokens()) {
                return false;
            }
            readCalls = readCalls.take(1);
            return true;
        }

        synchronized void onRead(long bytes, long nowMs) {
            readBytes = readBytes.refill(nowMs).take(bytes);
        }
    }
}
