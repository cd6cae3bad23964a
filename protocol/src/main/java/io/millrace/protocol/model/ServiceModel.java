package io.millrace.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service model as resolved shapes and operations, read from the bundled AWS C2J model
 * ({@code kinesis-2013-12-02.service.json}) merged with our supplement for the 2026 SDK
 * ({@code kinesis-2013-12-02.supplement-2026.json}: its operations, its shapes and the members it adds to
 * existing structures). Constraints are never transcribed by hand: they come from these files.
 *
 * <p>Immutable and thread-safe once built. {@link #kinesis()} and {@link #firehose()} load the bundled files once
 * per JVM.
 */
public final class ServiceModel {
    private static final String BASE_RESOURCE = "kinesis-2013-12-02.service.json";
    private static final String SUPPLEMENT_RESOURCE = "kinesis-2013-12-02.supplement-2026.json";
    private static final String FIREHOSE_RESOURCE = "firehose-2015-08-04.service.json";

    /**
     * AWS prints some enum value sets in an order that is not the model's; where such an order was recorded
     * against the real service (REFERENCE §7.1) we use it so messages match byte for byte.
     */
    private static final Map<String, List<String>> RECORDED_ENUM_ORDER = Map.of(
            "ShardIteratorType",
            List.of("AFTER_SEQUENCE_NUMBER", "LATEST", "AT_TIMESTAMP", "AT_SEQUENCE_NUMBER", "TRIM_HORIZON"));

    /**
     * Patterns of the base model that the 2026 SDK must have widened although the supplement cannot say so (its
     * source carries no patterns). ResourceARN: the SDK 2.57.8 endpoint rules accept resource ARNs of type
     * "stream or channel", and channels carry tags, so the tag-by-ARN operations take channel ARNs; the base pattern
     * ({@code ...:.*stream/\S+}) would refuse them. The widened text is ours [UNVERIFIED].
     */
    private static final Map<String, String> WIDENED_PATTERNS = Map.of(
            "ResourceARN", "arn:aws.*:kinesis:.*:\\d{12}:.*(stream|channel)/\\S+");

    private final Map<String, OperationModel> operations;
    private final Map<String, Shape> shapes;

    private ServiceModel(Map<String, OperationModel> operations, Map<String, Shape> shapes) {
        this.operations = Map.copyOf(operations);
        this.shapes = Map.copyOf(shapes);
    }

    /** The bundled Kinesis model, loaded on first use and shared afterwards. */
    public static ServiceModel kinesis() {
        return Bundled.MODEL;
    }

    /**
     * The bundled Firehose model ({@code firehose-2015-08-04.service.json}, no supplement), loaded on first use and
     * shared afterwards. The same reader and validator serve it, so Firehose requests get the same messages.
     */
    public static ServiceModel firehose() {
        return BundledFirehose.MODEL;
    }

    /** Builds a model from a base C2J document and a supplement in our {@code x-modifiedExistingShapes} form. */
    public static ServiceModel of(JsonNode base, JsonNode supplement) {
        ModelReader reader = new ModelReader(RECORDED_ENUM_ORDER, WIDENED_PATTERNS);
        Map<String, OperationModel> operations = reader.read(base, supplement);
        return new ServiceModel(operations, reader.allShapes());
    }

    public boolean hasOperation(String name) {
        return operations.containsKey(name);
    }

    /** The named operation; names are case-sensitive. */
    public OperationModel operation(String name) {
        OperationModel operation = operations.get(name);
        if (operation == null) {
            throw new IllegalArgumentException("unknown operation: " + name);
        }
        return operation;
    }

    public Set<String> operationNames() {
        return operations.keySet();
    }

    /** The named shape, e.g. {@code StreamName}. */
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("unknown shape: " + name);
        }
        return shape;
    }

    private static final class Bundled {
        static final ServiceModel MODEL = load();

        private static ServiceModel load() {
            ObjectMapper mapper = new ObjectMapper();
            return of(readResource(mapper, BASE_RESOURCE), readResource(mapper, SUPPLEMENT_RESOURCE));
        }
    }

    private static final class BundledFirehose {
        static final ServiceModel MODEL = of(readResource(new ObjectMapper(), FIREHOSE_RESOURCE),
                new ObjectMapper().createObjectNode());
    }

    private static JsonNode readResource(ObjectMapper mapper, String name) {
        try (InputStream in = ServiceModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled model resource " + name);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled model resource " + name, e);
        }
    }
}
