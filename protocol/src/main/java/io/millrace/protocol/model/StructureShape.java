package io.millrace.protocol.model;

import java.util.List;

/** A structure: its members in model order (the order validation messages follow). */
public record StructureShape(String name, List<Member> members) implements Shape {
    public StructureShape {
        members = List.copyOf(members);
    }
}
