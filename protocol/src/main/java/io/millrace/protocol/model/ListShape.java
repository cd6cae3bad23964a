package io.millrace.protocol.model;

/** A list of {@code member} shapes with optional size bounds. */
public record ListShape(String name, Shape member, Bounds length) implements Shape {
}
