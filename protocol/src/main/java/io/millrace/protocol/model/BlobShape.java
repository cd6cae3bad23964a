package io.millrace.protocol.model;

/** Binary data; length bounds count bytes. */
public record BlobShape(String name, Bounds length) implements Shape {
}
