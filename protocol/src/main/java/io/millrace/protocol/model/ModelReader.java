package io.millrace.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the AWS C2J model plus our supplement into resolved {@link Shape}s. Shapes are built depth-first and
 * memoised, so every shape object exists once and references are direct. Used once per load; not thread-safe.
 */
final class ModelReader {
    private final Map<String, JsonNode> rawShapes = new HashMap<>();
    private final Map<String, Shape> built = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Map<String, List<String>> recordedEnumOrder;
    private final Map<String, String> widenedPatterns;

    ModelReader(Map<String, List<String>> recordedEnumOrder, Map<String, String> widenedPatterns) {
        this.recordedEnumOrder = recordedEnumOrder;
        this.widenedPatterns = widenedPatterns;
    }

    Map<String, OperationModel> read(JsonNode base, JsonNode supplement) {
        addShapes(base.path("shapes"));
        addShapes(supplement.path("shapes"));
        addModifiedMembers(supplement.path("x-modifiedExistingShapes"));
        Map<String, OperationModel> operations = new LinkedHashMap<>();
        addOperations(base.path("operations"), operations);
        addOperations(supplement.path("operations"), operations);
        return operations;
    }

    Map<String, Shape> allShapes() {
        for (String name : rawShapes.keySet()) {
            shape(name);
        }
        return built;
    }

    private void addShapes(JsonNode shapes) {
        shapes.properties().forEach(entry -> rawShapes.put(entry.getKey(), entry.getValue().deepCopy()));
    }

    /** The supplement lists members the newer SDK added to existing structures; they go after the old ones. */
    private void addModifiedMembers(JsonNode modified) {
        for (Map.Entry<String, JsonNode> entry : modified.properties()) {
            JsonNode added = entry.getValue().path("addedMembers");
            if (!added.isObject()) {
                continue; // the "description" entry
            }
            JsonNode target = rawShapes.get(entry.getKey());
            if (target == null || !target.path("members").isObject()) {
                throw new IllegalStateException("supplement modifies unknown structure " + entry.getKey());
            }
            ((ObjectNode) target.get("members")).setAll((ObjectNode) added);
        }
    }

    private void addOperations(JsonNode operations, Map<String, OperationModel> into) {
        operations.properties().forEach(entry -> {
            JsonNode op = entry.getValue();
            StructureShape input = op.has("input")
                    ? structure(op.get("input").path("shape").asText())
                    : new StructureShape(entry.getKey() + "Input", List.of());
            StructureShape output = op.has("output") ? structure(op.get("output").path("shape").asText()) : null;
            into.put(entry.getKey(), new OperationModel(entry.getKey(), input, output));
        });
    }

    private StructureShape structure(String name) {
        if (shape(name) instanceof StructureShape structure) {
            return structure;
        }
        throw new IllegalStateException(name + " is not a structure");
    }

    Shape shape(String name) {
        Shape done = built.get(name);
        if (done != null) {
            return done;
        }
        JsonNode raw = rawShapes.get(name);
        if (raw == null) {
            throw new IllegalStateException("model refers to unknown shape " + name);
        }
        if (!inProgress.add(name)) {
            throw new IllegalStateException("recursive shape " + name + " is not supported");
        }
        Shape shape = build(name, raw);
        inProgress.remove(name);
        built.put(name, shape);
        return shape;
    }

    private Shape build(String name, JsonNode raw) {
        String type = raw.path("type").asText();
        return switch (type) {
            case "structure" -> buildStructure(name, raw);
            case "string" -> buildString(name, raw);
            case "integer" -> new IntegerShape(name, bounds(raw));
            case "long" -> new LongShape(name, bounds(raw));
            case "double", "float" -> new DoubleShape(name);
            case "boolean" -> new BooleanShape(name);
            case "blob" -> new BlobShape(name, bounds(raw));
            case "timestamp" -> new TimestampShape(name);
            case "list" -> new ListShape(name, shape(raw.path("member").path("shape").asText()), bounds(raw));
            case "map" -> buildMap(name, raw);
            default -> throw new IllegalStateException("shape " + name + " has unsupported type " + type);
        };
    }

    private StructureShape buildStructure(String name, JsonNode raw) {
        Set<String> required = new HashSet<>();
        raw.path("required").forEach(r -> required.add(r.asText()));
        List<Member> members = new ArrayList<>();
        raw.path("members").properties().forEach(entry -> members.add(new Member(entry.getKey(),
                Member.lowerFirst(entry.getKey()), shape(entry.getValue().path("shape").asText()),
                required.contains(entry.getKey()))));
        return new StructureShape(name, members);
    }

    private StringShape buildString(String name, JsonNode raw) {
        String patternText = raw.has("pattern") ? raw.get("pattern").asText() : null;
        if (patternText != null && widenedPatterns.containsKey(name)) {
            patternText = widenedPatterns.get(name);
        }
        Pattern pattern = patternText == null ? null : Pattern.compile(patternText);
        List<String> modelOrder = new ArrayList<>();
        raw.path("enum").forEach(v -> modelOrder.add(v.asText()));
        List<String> recorded = recordedEnumOrder.get(name);
        if (recorded != null && !new HashSet<>(recorded).equals(new HashSet<>(modelOrder))) {
            throw new IllegalStateException("recorded enum order for " + name + " no longer matches the model");
        }
        return new StringShape(name, bounds(raw), pattern, recorded != null ? recorded : modelOrder);
    }

    private MapShape buildMap(String name, JsonNode raw) {
        if (!(shape(raw.path("key").path("shape").asText()) instanceof StringShape key)) {
            throw new IllegalStateException("map " + name + " has a non-string key");
        }
        return new MapShape(name, key, shape(raw.path("value").path("shape").asText()), bounds(raw));
    }

    private static Bounds bounds(JsonNode raw) {
        long min = raw.has("min") ? raw.get("min").asLong() : Long.MIN_VALUE;
        long max = raw.has("max") ? raw.get("max").asLong() : Long.MAX_VALUE;
        return new Bounds(min, max);
    }
}
