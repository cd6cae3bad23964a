package io.millrace.protocol.model;

/** A long (Java {@code long}) with an optional value range. */
public record LongShape(String name, Bounds range) implements Shape {
}
