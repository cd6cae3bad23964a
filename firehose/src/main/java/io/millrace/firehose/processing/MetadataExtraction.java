package io.millrace.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.firehose.model.Processor;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code MetadataExtraction} processor of dynamic partitioning: runs the {@code MetadataExtractionQuery} (a jq
 * expression, {@code JsonParsingEngine} {@code JQ-1.6}, evaluated by jackson-jq plus {@link JqTimeFunctions}) on each
 * record, which must be JSON, and keeps the resulting object's members as the record's
 * {@code partitionKeyFromQuery} keys. Strings are taken as they are, numbers and booleans as their JSON text. A record
 * that is not JSON, a query that fails or does not yield exactly one object, and a key whose value is null, empty or
 * structured send the record to the error output with {@code DynamicPartitioning.MetadataExtractionFailed}.
 *
 * <p>Immutable and thread-safe: the compiled query and the root scope are only read.
 */
final class MetadataExtraction implements RecordProcessor {
    static final String TYPE = "MetadataExtraction";
    static final String ENGINE = "JQ-1.6";
    static final String ERROR_CODE = "DynamicPartitioning.MetadataExtractionFailed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope ROOT = rootScope();

    private final JsonQuery query;

    private MetadataExtraction(JsonQuery query) {
        this.query = query;
    }

    static MetadataExtraction of(Processor processor) {
        ProcessorParameters parameters = ProcessorParameters.of(processor,
                Set.of("MetadataExtractionQuery", "JsonParsingEngine"));
        String engine = parameters.required("JsonParsingEngine");
        if (!ENGINE.equals(engine)) {
            throw new IllegalArgumentException("JsonParsingEngine must be " + ENGINE + ", not '" + engine + "'.");
        }
        return new MetadataExtraction(compile(parameters.required("MetadataExtractionQuery")));
    }

    static JsonQuery compile(String text) {
        try {
            return JsonQuery.compile(text, Versions.JQ_1_6);
        } catch (JsonQueryException | RuntimeException e) {
            throw new IllegalArgumentException("MetadataExtractionQuery is not a valid JQ-1.6 expression: "
                    + e.getMessage());
        }
    }

    private static Scope rootScope() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        JqTimeFunctions.register(scope);
        return scope;
    }

    @Override
    public ProcessingResult process(List<ProcessedRecord> records, ProcessingContext context) {
        return ProcessingResult.ofEach(records, context, ERROR_CODE, FailedRecord.PROCESSING_FAILED,
                record -> List.of(record.withKeys(record.keys().withQueryKeys(extract(record.data())))));
    }

    /** The partition keys of one record; IllegalArgumentException with the reason when there are none. */
    Map<String, String> extract(byte[] data) {
        JsonNode input;
        try {
            input = JSON.readTree(data);
        } catch (IOException e) {
            input = null;
        }
        if (input == null || input.isMissingNode()) {
            throw new IllegalArgumentException("Non JSON record provided"); // [UNVERIFIED] wording
        }
        List<JsonNode> results = new ArrayList<>(1);
        try {
            query.apply(Scope.newChildScope(ROOT), input, results::add);
        } catch (JsonQueryException | RuntimeException e) {
            throw new IllegalArgumentException("The MetadataExtractionQuery failed: " + e.getMessage());
        }
        if (results.size() != 1 || !results.get(0).isObject()) {
            throw new IllegalArgumentException("The MetadataExtractionQuery must produce exactly one JSON object.");
        }
        return keys(results.get(0));
    }

    private static Map<String, String> keys(JsonNode object) {
        Map<String, String> keys = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            String text = value.isTextual() ? value.asText() : value.isValueNode() && !value.isNull()
                    ? value.toString() : null;
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("partitionKeys values must not be null or empty");
            }
            keys.put(field.getKey(), text);
        }
        return keys;
    }
}
