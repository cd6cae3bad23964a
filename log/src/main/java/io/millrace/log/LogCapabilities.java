package io.millrace.log;

/**
 * One catalogue of backend differences.
 *
 * @param isDurable       whether appended records survive a restart
 * @param encryptsAtRest  whether {@link ShardLog#append(java.util.List, long, String)} encrypts what it stores
 */
public record LogCapabilities(boolean isDurable, boolean encryptsAtRest) {
    public static final LogCapabilities DEFAULT = new LogCapabilities(true);
    public static final LogCapabilities VOLATILE = new LogCapabilities(false);
    /** The local log: durable, encrypting batches appended with a key. */
    public static final LogCapabilities ENCRYPTING = new LogCapabilities(true, true);

    /** A backend that does not encrypt at rest. */
    public LogCapabilities(boolean isDurable) {
        this(isDurable, false);
    }
}
