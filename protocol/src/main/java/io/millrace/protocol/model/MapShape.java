package io.millrace.protocol.model;

/** A map from {@code key} to {@code value} shapes with optional size bounds. Keys are always strings. */
public record MapShape(String name, StringShape key, Shape value, Bounds length) implements Shape {
}
