package io.millrace.protocol.codec;

import io.millrace.protocol.model.StringShape;

import java.util.ArrayList;
import java.util.List;

/**
 * Constraints on the string elements of lists and the keys/values of maps. AWS reports these once for the
 * whole collection, listing every rule of the element shape (maximum length first) inside brackets, e.g.
 * {@code [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]}.
 * Stateless.
 */
final class ElementRules {
    private ElementRules() {
    }

    static boolean accepts(StringShape shape, String text) {
        int length = text.length();
        return length >= shape.length().min() && length <= shape.length().max()
                && (!shape.hasPattern() || shape.pattern().matcher(text).matches())
                && (!shape.isEnum() || shape.enumValues().contains(text));
    }

    /** The bracketed rule list; {@link List#toString()} gives exactly AWS's {@code [a, b]} form. */
    static List<String> describe(StringShape shape) {
        List<String> rules = new ArrayList<>(4);
        if (shape.length().hasMax()) {
            rules.add("Member must have length less than or equal to " + shape.length().max());
        }
        if (shape.length().hasMin()) {
            rules.add("Member must have length greater than or equal to " + shape.length().min());
        }
        if (shape.hasPattern()) {
            rules.add("Member must satisfy regular expression pattern: " + shape.pattern().pattern());
        }
        if (shape.isEnum()) {
            rules.add("Member must satisfy enum value set: [" + String.join(", ", shape.enumValues()) + "]");
        }
        return rules;
    }
}
