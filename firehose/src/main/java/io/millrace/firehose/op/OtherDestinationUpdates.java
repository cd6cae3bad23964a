package io.millrace.firehose.op;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.firehose.destination.http.HttpEndpointSettings;
import io.millrace.firehose.destination.redshift.RedshiftSettings;
import io.millrace.firehose.destination.s3.S3Settings;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP endpoint and Redshift halves of UpdateDestination (FIREHOSE-REFERENCE §2): an update of the same
 * destination type is merged into the stored configuration (absent members keep their values; the members of
 * {@code EndpointConfiguration}, {@code RequestConfiguration}, {@code CopyCommand} and of the nested S3 updates are
 * merged one by one), an update of another type replaces the destination and must give everything its creation
 * needs. Either way the result goes through the same checks as CreateDeliveryStream ({@link OtherDestinationRules},
 * {@link S3Rules}), so an update can never store what a creation would refuse. Stateless.
 */
final class OtherDestinationUpdates {
    private static final ObjectMapper TREE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Members whose own members merge one by one; every other given member replaces the stored one whole. */
    private static final Set<String> MERGED_MEMBERWISE = Set.of("EndpointConfiguration", "RequestConfiguration",
            "CopyCommand");
    /** Update members that are not part of the destination's own configuration tree. */
    private static final Set<String> NESTED_S3 = Set.of("S3Update", "S3BackupUpdate");

    private OtherDestinationUpdates() {
    }

    /** An HTTP endpoint update merged into the stored settings. */
    static HttpEndpointSettings mergeHttpEndpoint(HttpEndpointSettings current, JsonNode update) {
        return OtherDestinationRules.httpEndpoint(overlay(httpEndpointTree(current), update));
    }

    /** A Redshift update merged into the stored settings; {@code staging} is the already merged S3 update. */
    static RedshiftSettings mergeRedshift(RedshiftSettings current, JsonNode update, S3Settings staging) {
        if (current.backup() != null
                && RedshiftSettings.DISABLED.equals(update.path("S3BackupMode").asText(null))) {
            // [UNVERIFIED] own wording; the model documents that an enabled backup cannot be disabled.
            throw S3Rules.invalid("S3BackupMode cannot be changed from Enabled to Disabled.");
        }
        ObjectNode tree = overlay(redshiftTree(current), update);
        JsonNode backupUpdate = update.get("S3BackupUpdate");
        if (backupUpdate != null && !backupUpdate.isNull()) {
            ObjectNode backup = current.backup() == null ? JsonNodeFactory.instance.objectNode()
                    : S3Rules.backupTree(current.backup());
            tree.set("S3BackupConfiguration", overlay(backup, backupUpdate));
        }
        return OtherDestinationRules.redshift(tree, staging);
    }

    /** The stored S3 configuration with an {@code S3Update} merged in; unchanged when the update has none. */
    static S3Settings mergeS3(S3Settings current, JsonNode update) {
        JsonNode s3Update = update.get("S3Update");
        if (s3Update == null || s3Update.isNull()) {
            return current;
        }
        return S3Rules.merge(current, TREE.convertValue(s3Update, S3DestinationUpdate.class).asExtended(),
                current.extended());
    }

    /** A new HTTP endpoint destination from an update given to a stream of another type. */
    static HttpEndpointSettings replacingHttpEndpoint(JsonNode update) {
        requireWhole(update, "HttpEndpointDestinationUpdate", "EndpointConfiguration");
        return OtherDestinationRules.httpEndpoint(update);
    }

    /** A new Redshift destination from an update given to a stream of another type. */
    static RedshiftSettings replacingRedshift(JsonNode update, S3Settings staging) {
        requireWhole(update, "RedshiftDestinationUpdate", "RoleARN", "ClusterJDBCURL", "CopyCommand");
        ObjectNode tree = update.deepCopy();
        if (update.has("S3BackupUpdate")) {
            tree.set("S3BackupConfiguration", tree.remove("S3BackupUpdate"));
        }
        return OtherDestinationRules.redshift(tree, staging);
    }

    /** The S3 configuration of a destination replacing one of another type: its S3 update given whole. */
    static S3Settings replacingS3(JsonNode update, String updateName) {
        requireWhole(update, updateName, "S3Update");
        return newS3(update.get("S3Update"), updateName + ".S3Update");
    }

    /** A whole S3 configuration from an S3 update (RoleARN and BucketARN required). */
    static S3Settings newS3(JsonNode s3Update, String updateName) {
        requireWhole(s3Update, updateName, "RoleARN", "BucketARN");
        return OtherDestinationRules.s3Configuration(JsonNodeFactory.instance.objectNode()
                .set("S3Configuration", s3Update));
    }

    private static void requireWhole(JsonNode update, String updateName, String... required) {
        for (String member : required) {
            if (!update.hasNonNull(member)) {
                // [UNVERIFIED] own wording; AWS documents that a change of destination type merges nothing, so
                // everything the destination's creation requires must be given.
                throw S3Rules.invalid("Changing the destination type replaces the destination, so " + updateName
                        + " must give every member its creation requires; " + member + " is missing.");
            }
        }
    }

    /** {@code update}'s members over a copy of {@code current}, the nested S3 updates left out. */
    private static ObjectNode overlay(ObjectNode current, JsonNode update) {
        ObjectNode merged = current.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> members = update.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (NESTED_S3.contains(name) || value.isNull()) {
                continue;
            }
            JsonNode stored = merged.get(name);
            if (MERGED_MEMBERWISE.contains(name) && stored instanceof ObjectNode storedObject && value.isObject()) {
                storedObject.setAll((ObjectNode) value);
            } else {
                merged.set(name, value.deepCopy());
            }
        }
        return merged;
    }

    /** The stored HTTP endpoint settings as the wire configuration they were created from. */
    private static ObjectNode httpEndpointTree(HttpEndpointSettings settings) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        ObjectNode endpoint = tree.putObject("EndpointConfiguration").put("Url", settings.url());
        putIfSet(endpoint, "Name", settings.name());
        putIfSet(endpoint, "AccessKey", settings.accessKey());
        tree.putObject("BufferingHints").put("SizeInMBs", settings.sizeInMBs())
                .put("IntervalInSeconds", settings.intervalInSeconds());
        ObjectNode request = tree.putObject("RequestConfiguration").put("ContentEncoding",
                settings.contentEncoding());
        ArrayNode attributes = request.putArray("CommonAttributes");
        settings.commonAttributes().forEach((name, value) -> attributes.addObject().put("AttributeName", name)
                .put("AttributeValue", value));
        tree.putObject("RetryOptions").put("DurationInSeconds", settings.retryDurationInSeconds());
        tree.put("S3BackupMode", settings.s3BackupMode());
        putIfSet(tree, "RoleARN", settings.roleARN());
        putTreeIfSet(tree, "ProcessingConfiguration", settings.processingConfiguration());
        putTreeIfSet(tree, "CloudWatchLoggingOptions", settings.cloudWatchLoggingOptions());
        return tree;
    }

    /** The stored Redshift settings as the wire configuration they were created from. */
    private static ObjectNode redshiftTree(RedshiftSettings settings) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("RoleARN", settings.roleARN()).put("ClusterJDBCURL", settings.clusterJDBCURL());
        ObjectNode copy = tree.putObject("CopyCommand").put("DataTableName", settings.dataTableName());
        putIfSet(copy, "DataTableColumns", settings.dataTableColumns());
        putIfSet(copy, "CopyOptions", settings.copyOptions());
        putIfSet(tree, "Username", settings.username());
        putIfSet(tree, "Password", settings.password());
        tree.putObject("RetryOptions").put("DurationInSeconds", settings.retryDurationInSeconds());
        tree.put("S3BackupMode", settings.backup() == null ? RedshiftSettings.DISABLED : RedshiftSettings.ENABLED);
        if (settings.backup() != null) {
            tree.set("S3BackupConfiguration", S3Rules.backupTree(settings.backup()));
        }
        putTreeIfSet(tree, "ProcessingConfiguration", settings.processingConfiguration());
        putTreeIfSet(tree, "CloudWatchLoggingOptions", settings.cloudWatchLoggingOptions());
        return tree;
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putTreeIfSet(ObjectNode node, String name, Object value) {
        if (value != null) {
            node.set(name, TREE.valueToTree(value));
        }
    }
}
