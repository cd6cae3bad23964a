package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.protocol.error.KinesisError;
import io.millrace.protocol.model.BlobShape;
import io.millrace.protocol.model.Bounds;
import io.millrace.protocol.model.IntegerShape;
import io.millrace.protocol.model.ListShape;
import io.millrace.protocol.model.LongShape;
import io.millrace.protocol.model.MapShape;
import io.millrace.protocol.model.Member;
import io.millrace.protocol.model.Shape;
import io.millrace.protocol.model.StringShape;
import io.millrace.protocol.model.StructureShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The constraint phase of request decoding (REFERENCE §7.1): checks a type-checked tree against the model's
 * required flags, lengths, ranges, patterns and enums, collecting AWS-formatted messages in model member
 * order, at most {@value #MAX_MESSAGES}. Per string: pattern, then minimum, then maximum length, so an empty
 * name fails the pattern first. Lists and maps are checked for size before their elements.
 *
 * <p>One instance per request; not thread-safe.
 */
final class ConstraintValidator {
    static final int MAX_MESSAGES = 10;

    private final List<String> messages = new ArrayList<>();

    private ConstraintValidator() {
    }

    /** Throws {@code ValidationException} with every (up to ten) violation in {@code request}. */
    static void validate(StructureShape shape, ObjectNode request) {
        ConstraintValidator validator = new ConstraintValidator();
        validator.structure(shape, request, null);
        if (!validator.messages.isEmpty()) {
            int count = validator.messages.size();
            throw KinesisError.VALIDATION.exception(count + " validation error" + (count == 1 ? "" : "s")
                    + " detected: " + String.join("; ", validator.messages));
        }
    }

    private boolean isFull() {
        return messages.size() >= MAX_MESSAGES;
    }

    /** @param parent where the structure sits, {@code null} for the request itself */
    private void structure(StructureShape shape, JsonNode node, Location parent) {
        for (Member member : shape.members()) {
            if (isFull()) {
                return;
            }
            JsonNode value = node.get(member.name());
            Location path = new Location(parent, member.pathName(), 0);
            if (value == null) {
                if (member.required()) {
                    fail(member.shape(), null, path, "Member must not be null");
                }
                continue;
            }
            value(member.shape(), value, path);
        }
    }

    private void value(Shape shape, JsonNode value, Location path) {
        if (shape instanceof StringShape string) {
            string(string, value, path);
        } else if (shape instanceof IntegerShape integer) {
            range(shape, integer.range(), value, path);
        } else if (shape instanceof LongShape longShape) {
            range(shape, longShape.range(), value, path);
        } else if (shape instanceof BlobShape blob) {
            length(shape, blob.length(), ((BinaryNode) value).binaryValue().length, value, path);
        } else if (shape instanceof ListShape list) {
            list(list, value, path);
        } else if (shape instanceof MapShape map) {
            map(map, value, path);
        } else if (shape instanceof StructureShape structure) {
            structure(structure, value, path);
        }
    }

    private void string(StringShape shape, JsonNode value, Location path) {
        String text = value.textValue();
        if (shape.hasPattern() && !shape.pattern().matcher(text).matches()) {
            fail(shape, value, path,
                    "Member must satisfy regular expression pattern: " + shape.pattern().pattern());
        }
        length(shape, shape.length(), text.length(), value, path);
        if (shape.isEnum() && !shape.enumValues().contains(text)) {
            fail(shape, value, path,
                    "Member must satisfy enum value set: [" + String.join(", ", shape.enumValues()) + "]");
        }
    }

    private void range(Shape shape, Bounds range, JsonNode value, Location path) {
        long number = value.longValue();
        if (number < range.min()) {
            fail(shape, value, path, "Member must have value greater than or equal to " + range.min());
        }
        if (number > range.max()) {
            fail(shape, value, path, "Member must have value less than or equal to " + range.max());
        }
    }

    private void length(Shape shape, Bounds length, long actual, JsonNode value, Location path) {
        if (actual < length.min()) {
            fail(shape, value, path, "Member must have length greater than or equal to " + length.min());
        }
        if (actual > length.max()) {
            fail(shape, value, path, "Member must have length less than or equal to " + length.max());
        }
    }

    private void list(ListShape shape, JsonNode value, Location path) {
        length(shape, shape.length(), value.size(), value, path);
        if (shape.member() instanceof StringShape element) {
            List<String> rules = ElementRules.describe(element);
            boolean allValid = true;
            for (JsonNode item : value) {
                allValid &= ElementRules.accepts(element, item.textValue());
            }
            if (!allValid) {
                fail(shape, value, path, "Member must satisfy constraint: " + rules);
            }
            return;
        }
        int index = 1;
        for (JsonNode item : value) {
            if (isFull()) {
                return;
            }
            value(shape.member(), item, new Location(path, null, index++));
        }
    }

    private void map(MapShape shape, JsonNode value, Location path) {
        length(shape, shape.length(), value.size(), value, path);
        boolean keysValid = true;
        boolean valuesValid = true;
        StringShape valueShape = shape.value() instanceof StringShape string ? string : null;
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            keysValid &= ElementRules.accepts(shape.key(), entry.getKey());
            valuesValid &= valueShape == null || ElementRules.accepts(valueShape, entry.getValue().textValue());
        }
        if (!keysValid) {
            fail(shape, value, path, "Map keys must satisfy constraint: " + ElementRules.describe(shape.key()));
        }
        if (!valuesValid) {
            fail(shape, value, path, "Map value must satisfy constraint: " + ElementRules.describe(valueShape));
        }
    }

    private void fail(Shape shape, JsonNode value, Location path, String constraint) {
        if (!isFull()) {
            messages.add("Value " + ValueText.render(shape, value) + " at '" + path.render()
                    + "' failed to satisfy constraint: " + constraint);
        }
    }

    /**
     * Where a value sits, as AWS names it in messages: {@code Records.2.member.Data}. Kept as a chain and rendered
     * only for a message, because building the text for every member of every record cost more than checking them.
     *
     * @param parent the enclosing location, {@code null} at the top
     * @param member the member name, or {@code null} for a list element
     * @param index  the 1-based list index when {@code member} is null
     */
    private record Location(Location parent, String member, int index) {
        String render() {
            StringBuilder text = new StringBuilder();
            appendTo(text);
            return text.toString();
        }

        private void appendTo(StringBuilder text) {
            if (parent != null) {
                parent.appendTo(text);
                text.append('.');
            }
            if (member != null) {
                text.append(member);
            } else {
                text.append(index).append(".member");
            }
        }
    }
}
