package io.millrace.log.local;

import java.util.Objects;

/**
 * Settings of the local durable log. Immutable; build with {@link #builder()} or take {@link #defaults()}.
 *
 * @param durability         when appends are forced to the device (default {@link Durability#FSYNC})
 * @param flushIntervalMs    how often dirty logs are forced in {@link Durability#INTERVAL} mode (default 100)
 * @param maxSegmentBytes    a segment is rolled before an append would grow it past this size (default 64 MiB)
 * @param indexIntervalBytes bytes of batches between two entries of a segment's sparse index (default 4 KiB)
 * @param maxOpenFiles       segment files kept open at rest by the whole store; idle ones are closed, least
 *                           recently used first, and reopened on demand (default 512)
 */
public record LocalLogConfig(Durability durability, long flushIntervalMs, long maxSegmentBytes,
                             int indexIntervalBytes, int maxOpenFiles) {
    public static final Durability DURABILITY_DEFAULT = Durability.FSYNC;
    public static final long FLUSH_INTERVAL_MS_DEFAULT = 100;
    public static final long MAX_SEGMENT_BYTES_DEFAULT = 64L * 1024 * 1024;
    public static final int INDEX_INTERVAL_BYTES_DEFAULT = 4 * 1024;
    public static final int MAX_OPEN_FILES_DEFAULT = 512;

    public LocalLogConfig {
        Objects.requireNonNull(durability, "durability");
        if (flushIntervalMs <= 0) {
            throw new IllegalArgumentException("flushIntervalMs: " + flushIntervalMs + " (expected: > 0)");
        }
        if (maxSegmentBytes <= SegmentDescriptor.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxSegmentBytes: " + maxSegmentBytes
                    + " (expected: > " + SegmentDescriptor.HEADER_LENGTH + ")");
        }
        if (indexIntervalBytes <= 0) {
            throw new IllegalArgumentException("indexIntervalBytes: " + indexIntervalBytes + " (expected: > 0)");
        }
        if (maxOpenFiles <= 0) {
            throw new IllegalArgumentException("maxOpenFiles: " + maxOpenFiles + " (expected: > 0)");
        }
    }

    /** Every setting at its default. */
    public static LocalLogConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private Durability durability = DURABILITY_DEFAULT;
        private long flushIntervalMs = FLUSH_INTERVAL_MS_DEFAULT;
        private long maxSegmentBytes = MAX_SEGMENT_BYTES_DEFAULT;
        private int indexIntervalBytes = INDEX_INTERVAL_BYTES_DEFAULT;
        private int maxOpenFiles = MAX_OPEN_FILES_DEFAULT;

        private Builder() {
        }

        public Builder durability(Durability durability) {
            this.durability = durability;
            return this;
        }

        public Builder flushIntervalMs(long flushIntervalMs) {
            this.flushIntervalMs = flushIntervalMs;
            return this;
        }

        public Builder maxSegmentBytes(long maxSegmentBytes) {
            this.maxSegmentBytes = maxSegmentBytes;
            return this;
        }

        public Builder indexIntervalBytes(int indexIntervalBytes) {
            this.indexIntervalBytes = indexIntervalBytes;
            return this;
        }

        public Builder maxOpenFiles(int maxOpenFiles) {
            this.maxOpenFiles = maxOpenFiles;
            return this;
        }

        public LocalLogConfig build() {
            return new LocalLogConfig(durability, flushIntervalMs, maxSegmentBytes, indexIntervalBytes, maxOpenFiles);
        }
    }
}
