package io.millrace.log;

/**
 * A {@link ShardLog} that several processes may append to, whose end therefore has to be agreed on before the shard
 * it holds can be closed: sealing fixes an end position below which lies every record whose append was or ever will
 * be acknowledged, by any process. Records that land at or past it are never acknowledged and never read.
 *
 * <p>Thread safety: implementations are thread-safe.
 */
public interface SealableLog {

    /** Fixes the log's end (or waits for the one another process fixed) and returns it. Idempotent; blocks. */
    long seal();

    /** Whether the log's end is fixed, by this process or another. */
    boolean sealed();

    /** Whether {@code log}'s {@link ShardLog#endPosition()} is final once its shard is closed. */
    static boolean endIsFinal(ShardLog log) {
        return !(log instanceof SealableLog sealable) || sealable.sealed();
    }
}
