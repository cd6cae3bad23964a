package io.millrace.protocol.model;

/** A boolean; the model gives it no constraints. */
public record BooleanShape(String name) implements Shape {
}
