package io.millrace.streams.model;

/** Model enum {@code ConsumerStatus}: a consumer reads only while ACTIVE. */
public enum ConsumerStatus {
    CREATING, DELETING, ACTIVE
}
