package io.millrace.firehose.processing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dynamic-partitioning keys of one record: those the {@code MetadataExtraction} (jq) processor extracted, for
 * {@code !{partitionKeyFromQuery:name}}, and those a Lambda returned in {@code metadata.partitionKeys}, for
 * {@code !{partitionKeyFromLambda:name}}. Equal keys mean the same partition. Immutable.
 */
public record PartitionKeys(Map<String, String> fromQuery, Map<String, String> fromLambda) {
    public static final PartitionKeys NONE = new PartitionKeys(Map.of(), Map.of());

    public PartitionKeys {
        fromQuery = Map.copyOf(fromQuery);
        fromLambda = Map.copyOf(fromLambda);
    }

    public PartitionKeys withQueryKeys(Map<String, String> keys) {
        return new PartitionKeys(new LinkedHashMap<>(keys), fromLambda);
    }

    public PartitionKeys withLambdaKeys(Map<String, String> keys) {
        return new PartitionKeys(fromQuery, new LinkedHashMap<>(keys));
    }
}
