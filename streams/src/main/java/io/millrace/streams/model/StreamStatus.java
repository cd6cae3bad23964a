package io.millrace.streams.model;

/** Lifecycle state of a stream (model shape {@code StreamStatus}). */
public enum StreamStatus {
    CREATING, DELETING, ACTIVE, UPDATING
}
