package io.millrace.log;

/**
 * One catalogue of backend differences.
 *
 * @param isDurable       whether appended records survive a restart
 * @param encryptsAtRest  whether {@link ShardLog#append(java.util.List, long, String)} encrypts what it stores
 * @param readsAreLocal   whether {@link ShardLog#read} is served from this process's memory or files, never over
 *                        the network, so that reading what was just appended takes microseconds and may run on a
 *                        thread that must not block for long
 */
public record LogCapabilities(boolean isDurable, boolean encryptsAtRest, boolean readsAreLocal) {
    /** A backend that says nothing more: durable, not encrypting, reads possibly remote. */
    public static final LogCapabilities DEFAULT = new LogCapabilities(true, false, false);
    /** The in-memory log. */
    public static final LogCapabilities VOLATILE = new LogCapabilities(false, false, true);
    /** The local log: durable, encrypting batches appended with a key, read from its own files. */
    public static final LogCapabilities LOCAL = new LogCapabilities(true, true, true);
}
