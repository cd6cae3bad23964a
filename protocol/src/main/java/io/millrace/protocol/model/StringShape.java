package io.millrace.protocol.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A string with optional length bounds, a full-match pattern ({@code null} when the model has none) and an
 * enum value set (empty when not an enum). {@code enumValues} is in the order AWS prints it in validation
 * messages, which is model order except where {@link ServiceModel} knows a recorded AWS order.
 */
public record StringShape(String name, Bounds length, Pattern pattern, List<String> enumValues) implements Shape {
    public StringShape {
        enumValues = List.copyOf(enumValues);
    }

    public boolean isEnum() {
        return !enumValues.isEmpty();
    }

    public boolean hasPattern() {
        return pattern != null;
    }
}
