package io.millrace.streams.model;

/** Model enum {@code ChannelDestinationType}: a general purpose S3 bucket or S3 Tables. */
public enum ChannelDestinationType {
    S3, S3_TABLES
}
