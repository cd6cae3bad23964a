package io.millrace.protocol.model;

/** A integer (Java {@code integer}) with an optional value range. */
public record IntegerShape(String name, Bounds range) implements Shape {
}
