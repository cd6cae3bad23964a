package io.millrace.protocol.model;

/**
 * A member of a structure: its wire name ({@code StreamName}), the lower-camel name AWS prints in validation
 * paths ({@code streamName}), its shape and whether the model marks it required.
 */
public record Member(String name, String pathName, Shape shape, boolean required) {
    static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
