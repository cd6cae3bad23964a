package io.millrace.protocol.model;

/** A timestamp; the model gives it no constraints. */
public record TimestampShape(String name) implements Shape {
}
