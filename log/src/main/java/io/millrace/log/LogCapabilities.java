package io.millrace.log;

/** One catalogue of backend differences. */
public record LogCapabilities(boolean isDurable) {
    public static final LogCapabilities DEFAULT = new LogCapabilities(true);
    public static final LogCapabilities VOLATILE = new LogCapabilities(false);
}
