package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.firehose.destination.s3.PrefixExpression;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.processing.ProcessingPipeline;

/**
 * The rules tying {@code DynamicPartitioningConfiguration}, the partition-key prefix expressions and the processors
 * that produce keys together (FIREHOSE-REFERENCE §4.3, §5): with dynamic partitioning on, {@code Prefix} must use a
 * partition key and {@code ErrorOutputPrefix} is required; without it, neither partition keys in {@code Prefix} nor a
 * {@code MetadataExtraction} processor are allowed; {@code partitionKeyFromQuery} needs a MetadataExtraction
 * processor and {@code partitionKeyFromLambda} a Lambda processor; {@code ErrorOutputPrefix} never uses keys; and the
 * switch is set at creation for good. Messages are our wording [UNVERIFIED]. Stateless.
 */
final class DynamicPartitioningRules {
    private static final int DEFAULT_RETRY_SECONDS = 300; // [UNVERIFIED] default echoed in descriptions

    private DynamicPartitioningRules() {
    }

    /** Checks {@code config}; returns the configuration tree to store (defaults filled), or null when absent. */
    static JsonNode check(ExtendedS3DestinationConfiguration config, ProcessingPipeline pipeline) {
        JsonNode given = config.dynamicPartitioningConfiguration();
        boolean enabled = given != null && given.path("Enabled").asBoolean(false);
        PrefixExpression prefix = PrefixExpression.parse(config.prefix());
        boolean fromQuery = prefix.usesPartitionKeys(true);
        boolean fromLambda = prefix.usesPartitionKeys(false);
        PrefixExpression error = PrefixExpression.parse(config.errorOutputPrefix());
        if (error.usesPartitionKeys(true) || error.usesPartitionKeys(false)) {
            throw S3Rules.invalid("ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda "
                    + "expressions.");
        }
        if (!enabled) {
            if (fromQuery || fromLambda) {
                throw S3Rules.invalid("Prefix can use partitionKeyFromQuery and partitionKeyFromLambda expressions "
                        + "only when dynamic partitioning is enabled.");
            }
            if (pipeline.extractsQueryKeys()) {
                throw S3Rules.invalid("The MetadataExtraction processor requires dynamic partitioning to be "
                        + "enabled.");
            }
            return given == null || given.isNull() ? null : withDefaults(given);
        }
        if (!fromQuery && !fromLambda) {
            throw S3Rules.invalid("When dynamic partitioning is enabled, Prefix must contain at least one "
                    + "partitionKeyFromQuery or partitionKeyFromLambda expression.");
        }
        if (config.errorOutputPrefix() == null || config.errorOutputPrefix().isEmpty()) {
            throw S3Rules.invalid("ErrorOutputPrefix is required when dynamic partitioning is enabled.");
        }
        if (fromQuery && !pipeline.extractsQueryKeys()) {
            throw S3Rules.invalid("Prefix uses partitionKeyFromQuery, which requires an enabled MetadataExtraction "
                    + "processor.");
        }
        if (fromLambda && !pipeline.invokesLambda()) {
            throw S3Rules.invalid("Prefix uses partitionKeyFromLambda, which requires an enabled Lambda processor.");
        }
        return withDefaults(given);
    }

    /** Dynamic partitioning is chosen at creation: an update may not switch it on or off. */
    static void checkUnchanged(S3Settings current, JsonNode update) {
        if (update == null || update.isNull()) {
            return;
        }
        boolean wanted = update.path("Enabled").asBoolean(false);
        if (wanted != current.isDynamicPartitioningEnabled()) {
            throw S3Rules.invalid("Dynamic partitioning can only be set when the delivery stream is created; it "
                    + "cannot be " + (wanted ? "enabled" : "disabled") + " by UpdateDestination.");
        }
    }

    private static JsonNode withDefaults(JsonNode given) {
        ObjectNode copy = given.deepCopy();
        if (!copy.has("Enabled")) {
            copy.put("Enabled", false);
        }
        if (!copy.path("RetryOptions").has("DurationInSeconds")) {
            copy.putObject("RetryOptions").put("DurationInSeconds", DEFAULT_RETRY_SECONDS);
        }
        return copy;
    }
}
