package io.millrace.server.config;

import java.util.Locale;

/** When a write is acknowledged to the client, relative to reaching the disk. */
public enum Durability {
    /** After the data is forced to disk (group commit keeps this affordable). */
    FSYNC,
    /** Straight away; data is forced to disk every {@code flushIntervalMs}. */
    INTERVAL,
    /** Straight away; the operating system decides when data reaches the disk. */
    NONE;

    /** The name used in configuration: {@code fsync}, {@code interval} or {@code none}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Durability parse(String text) {
        for (Durability durability : values()) {
            if (durability.configName().equalsIgnoreCase(text.trim())) {
                return durability;
            }
        }
        throw new IllegalArgumentException("expected one of fsync, interval, none");
    }
}
