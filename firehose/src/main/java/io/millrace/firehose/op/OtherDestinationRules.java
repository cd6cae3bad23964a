package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.millrace.firehose.destination.http.HttpEndpointSettings;
import io.millrace.firehose.destination.redshift.CopyOptions;
import io.millrace.firehose.destination.redshift.RedshiftAttempt;
import io.millrace.firehose.destination.redshift.RedshiftSettings;
import io.millrace.firehose.destination.s3.Compression;
import io.millrace.firehose.destination.s3.S3BackupSettings;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.ProcessingConfiguration;
import io.millrace.firehose.processing.LambdaInvoker;
import io.millrace.firehose.processing.ProcessingPipeline;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The semantic checks of the HTTP endpoint and Redshift destination configurations (FIREHOSE-REFERENCE §6.2, §6.5)
 * and the settings they become. The shape (types, lengths, patterns, required members) is already validated against
 * the model, so members are read from the tree. Refusals are InvalidArgumentExceptions in our own wording
 * [UNVERIFIED]; features Millrace does not implement are named rather than ignored.
 */
final class OtherDestinationRules {
    static final ObjectMapper BIND = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** A plain or schema-qualified table name, and a column name; quoted identifiers are not accepted. */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
    private static final Pattern COLUMNS = Pattern.compile(
            "\\s*[A-Za-z_][A-Za-z0-9_$]*\\s*(,\\s*[A-Za-z_][A-Za-z0-9_$]*\\s*)*");
    private static final String NOT_SUPPORTED = " is not supported by this version of Millrace.";

    private OtherDestinationRules() {
    }

    /** The HTTP endpoint settings of {@code config}; its mandatory S3Configuration becomes the error output. */
    static HttpEndpointSettings httpEndpoint(JsonNode config) {
        refuseCommon(config);
        JsonNode endpoint = config.path("EndpointConfiguration");
        JsonNode hints = config.path("BufferingHints");
        int size = hint(hints, "SizeInMBs", HttpEndpointSettings.DEFAULT_SIZE_IN_MBS);
        int interval = hint(hints, "IntervalInSeconds", HttpEndpointSettings.DEFAULT_INTERVAL_IN_SECONDS);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (JsonNode attribute : config.path("RequestConfiguration").path("CommonAttributes")) {
            attributes.put(attribute.path("AttributeName").asText(), attribute.path("AttributeValue").asText(""));
        }
        return new HttpEndpointSettings(endpoint.path("Url").asText(), text(endpoint, "Name"),
                text(endpoint, "AccessKey"), size, interval,
                config.path("RequestConfiguration").path("ContentEncoding").asText(HttpEndpointSettings.NONE),
                attributes, config.path("RetryOptions").path("DurationInSeconds")
                        .asInt(HttpEndpointSettings.DEFAULT_RETRY_DURATION_IN_SECONDS),
                config.path("S3BackupMode").asText(HttpEndpointSettings.FAILED_DATA_ONLY), text(config, "RoleARN"),
                processing(config), logging(config));
    }

    /**
     * The Redshift settings of {@code config}; the COPY options are checked here, at creation and for the merged
     * configuration of an update.
     */
    static RedshiftSettings redshift(JsonNode config, S3Settings staging) {
        refuseCommon(config);
        S3BackupSettings backup = redshiftBackup(config);
        String url = config.path("ClusterJDBCURL").asText();
        if (!RedshiftAttempt.JDBC_URL.matcher(url).matches()) {
            throw invalid("ClusterJDBCURL " + url + " must have the form jdbc:redshift://host:port/database.");
        }
        JsonNode copy = config.path("CopyCommand");
        String table = copy.path("DataTableName").asText();
        String columns = text(copy, "DataTableColumns");
        if (!TABLE.matcher(table).matches()) {
            throw invalid("DataTableName " + table + " must be a plain or schema-qualified table name.");
        }
        if (columns != null && !columns.isBlank() && !COLUMNS.matcher(columns).matches()) {
            throw invalid("DataTableColumns " + columns + " must be a comma-separated list of column names.");
        }
        String options = text(copy, "CopyOptions");
        CopyOptions parsed;
        try {
            parsed = CopyOptions.parse(options);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (parsed.gzip() != (staging.compression() == Compression.GZIP)) {
            throw invalid("CopyOptions GZIP and S3Configuration CompressionFormat GZIP go together: give both or "
                    + "neither.");
        }
        return new RedshiftSettings(config.path("RoleARN").asText(), url, table, columns, options,
                text(config, "Username"), text(config, "Password"),
                config.path("RetryOptions").path("DurationInSeconds")
                        .asInt(RedshiftSettings.DEFAULT_RETRY_DURATION_IN_SECONDS),
                backup == null ? RedshiftSettings.DISABLED : RedshiftSettings.ENABLED, processing(config),
                logging(config), backup);
    }

    /** The source-record backup of {@code S3BackupMode Enabled}; {@code null} when disabled (the default). */
    private static S3BackupSettings redshiftBackup(JsonNode config) {
        if (!RedshiftSettings.ENABLED.equals(config.path("S3BackupMode").asText(RedshiftSettings.DISABLED))) {
            return null;
        }
        JsonNode backup = config.get("S3BackupConfiguration");
        if (backup == null || backup.isNull()) {
            // [UNVERIFIED] own wording, as for ExtendedS3.
            throw invalid("S3BackupConfiguration is required when S3BackupMode is Enabled.");
        }
        try {
            return S3BackupSettings.fromWire(backup);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The S3Configuration every non-S3 destination must have, as an S3 settings record. */
    static S3Settings s3Configuration(JsonNode config) {
        S3DestinationConfiguration s3 = BIND.convertValue(config.path("S3Configuration"),
                S3DestinationConfiguration.class);
        return S3Rules.settings(s3.asExtended(), false);
    }

    private static void refuseCommon(JsonNode config) {
        if (config.has("SecretsManagerConfiguration")
                && config.path("SecretsManagerConfiguration").path("Enabled").asBoolean(true)) {
            throw invalid("SecretsManagerConfiguration" + NOT_SUPPORTED + " Give the credentials directly.");
        }
        ProcessingPipeline pipeline;
        try {
            pipeline = ProcessingPipeline.of(processing(config), LambdaInvoker.none());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (pipeline.extractsQueryKeys()) {
            // [UNVERIFIED] own wording: MetadataExtraction is dynamic partitioning's inline parsing, which only
            // ExtendedS3 destinations have.
            throw invalid("The MetadataExtraction processor requires dynamic partitioning, which only "
                    + "ExtendedS3 destinations support.");
        }
    }

    private static ProcessingConfiguration processing(JsonNode config) {
        return config.has("ProcessingConfiguration")
                ? BIND.convertValue(config.get("ProcessingConfiguration"), ProcessingConfiguration.class) : null;
    }

    private static CloudWatchLoggingOptions logging(JsonNode config) {
        return config.has("CloudWatchLoggingOptions")
                ? BIND.convertValue(config.get("CloudWatchLoggingOptions"), CloudWatchLoggingOptions.class) : null;
    }

    private static int hint(JsonNode hints, String name, int fallback) {
        if (hints.isMissingNode() || hints.isNull() || !hints.has("SizeInMBs") && !hints.has("IntervalInSeconds")) {
            return fallback;
        }
        if (!hints.has("SizeInMBs") || !hints.has("IntervalInSeconds")) {
            throw invalid("BufferingHints must specify both SizeInMBs and IntervalInSeconds.");
        }
        return hints.get(name).asInt();
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ApiException invalid(String message) {
        return FirehoseError.INVALID_ARGUMENT.exception(message);
    }
}
