package io.millrace.streams.model;

/** Capacity mode of a stream (model shape {@code StreamMode}). */
public enum StreamMode {
    PROVISIONED, ON_DEMAND
}
