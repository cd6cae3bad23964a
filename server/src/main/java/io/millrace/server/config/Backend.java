package io.millrace.server.config;

import java.util.Locale;

/** Where stream data and metadata are stored. */
public enum Backend {
    /** The embedded durable log under {@code data-dir} (or the heap with {@code in-memory}). */
    LOCAL,
    /** An Apache Kafka cluster: a topic per stream, a partition per shard. */
    KAFKA;

    /** The name used in configuration: {@code local} or {@code kafka}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Backend parse(String text) {
        for (Backend backend : values()) {
            if (backend.configName().equalsIgnoreCase(text.trim())) {
                return backend;
            }
        }
        throw new IllegalArgumentException("expected one of local, kafka");
    }
}
