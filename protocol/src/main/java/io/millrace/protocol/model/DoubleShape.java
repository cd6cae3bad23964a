package io.millrace.protocol.model;

/** A double; the model gives it no constraints. */
public record DoubleShape(String name) implements Shape {
}
