package io.millrace.streams.model;

/** Model enum {@code ChannelStatus}: the lifecycle of a channel (reference 9.1). */
public enum ChannelStatus {
    CREATING, ACTIVE, UPDATING, DELETING, FAILED
}
