package io.millrace.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.firehose.destination.s3.Compression;
import io.millrace.log.object.LocalObjectStore;
import io.millrace.firehose.destination.s3.PrefixExpression;
import io.millrace.firehose.destination.s3.S3BackupSettings;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.EncryptionConfiguration;
import io.millrace.firehose.processing.LambdaInvoker;
import io.millrace.firehose.processing.ProcessingPipeline;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The semantic checks of an S3 destination configuration (FIREHOSE-REFERENCE §3, §4) and the merge of an update into
 * the stored settings. Every refusal is an InvalidArgumentException; messages are our own wording [UNVERIFIED], and
 * features Millrace does not support yet say so rather than being accepted and ignored.
 */
final class S3Rules {
    private static final String NOT_SUPPORTED = " is not supported by this version of Millrace.";
    /** Only to check that evaluated keys stay inside the bucket directory; nothing is written there. */
    private static final LocalObjectStore KEY_CHECK = new LocalObjectStore(Path.of("key-check"));

    private S3Rules() {
    }

    static S3Settings settings(ExtendedS3DestinationConfiguration config, boolean extended) {
        refuseUnsupported(config);
        BufferingHints hints = hints(config.bufferingHints());
        checkPrefixes(config.prefix(), config.errorOutputPrefix());
        JsonNode dynamicPartitioning = DynamicPartitioningRules.check(config, pipeline(config));
        checkTimeZone(config.customTimeZone());
        S3Settings settings = new S3Settings(extended, config.roleARN(), config.bucketARN(), config.prefix(),
                config.errorOutputPrefix(), hints.sizeInMBs(), hints.intervalInSeconds(),
                config.compressionFormat() == null ? Compression.UNCOMPRESSED.name() : config.compressionFormat(),
                config.fileExtension(), config.customTimeZone(), config.processingConfiguration(),
                config.cloudWatchLoggingOptions(), backup(config.s3BackupMode(), config.s3BackupConfiguration()),
                dynamicPartitioning);
        checkKeysStayInBucket(settings);
        return settings;
    }

    /** The backup of {@code S3BackupMode Enabled}; {@code null} when disabled (the default). */
    private static S3BackupSettings backup(String mode, JsonNode configuration) {
        if (mode == null || "Disabled".equals(mode)) {
            return null;
        }
        if (configuration == null || configuration.isNull()) {
            throw invalid("S3BackupConfiguration is required when S3BackupMode is Enabled.");
        }
        try {
            return S3BackupSettings.fromWire(configuration);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** {@code update} merged into {@code current}: absent members keep their values; the result is checked whole. */
    static S3Settings merge(S3Settings current, ExtendedS3DestinationUpdate update, boolean extended) {
        if (current.backup() != null && "Disabled".equals(update.s3BackupMode())) {
            // [UNVERIFIED] own wording; AWS documents that a source-record backup cannot be disabled once enabled.
            throw invalid("S3BackupMode cannot be changed from Enabled to Disabled.");
        }
        DynamicPartitioningRules.checkUnchanged(current, update.dynamicPartitioningConfiguration());
        BufferingHints hints = update.bufferingHints() != null ? update.bufferingHints()
                : new BufferingHints(current.sizeInMBs(), current.intervalInSeconds());
        ExtendedS3DestinationConfiguration merged = new ExtendedS3DestinationConfiguration(
                pick(update.roleARN(), current.roleARN()), pick(update.bucketARN(), current.bucketARN()),
                pick(update.prefix(), current.prefix()),
                pick(update.errorOutputPrefix(), current.errorOutputPrefix()), hints,
                pick(update.compressionFormat(), current.compressionFormat()), update.encryptionConfiguration(),
                pick(update.cloudWatchLoggingOptions(), current.cloudWatchLoggingOptions()),
                pick(update.processingConfiguration(), current.processingConfiguration()),
                pick(update.s3BackupMode(), current.backup() != null ? "Enabled" : null),
                update.s3BackupUpdate() != null ? update.s3BackupUpdate() : backupTree(current.backup()),
                update.dataFormatConversionConfiguration(),
                pick(update.dynamicPartitioningConfiguration(), current.dynamicPartitioningConfiguration()),
                pick(update.fileExtension(), current.fileExtension()),
                pick(update.customTimeZone(), current.customTimeZone()));
        return settings(merged, extended);
    }

    /** The stored backup as the wire shape again, so that a merge re-checks it whole; {@code null} for none. */
    static ObjectNode backupTree(S3BackupSettings backup) {
        if (backup == null) {
            return null;
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("RoleARN", backup.roleARN()).put("BucketARN", backup.bucketARN())
                .put("CompressionFormat", backup.compressionFormat());
        if (backup.prefix() != null) {
            tree.put("Prefix", backup.prefix());
        }
        if (backup.errorOutputPrefix() != null) {
            tree.put("ErrorOutputPrefix", backup.errorOutputPrefix());
        }
        tree.putObject("BufferingHints").put("SizeInMBs", backup.sizeInMBs())
                .put("IntervalInSeconds", backup.intervalInSeconds());
        return tree;
    }

    private static <T> T pick(T update, T current) {
        return update != null ? update : current;
    }

    private static void refuseUnsupported(ExtendedS3DestinationConfiguration config) {
        if (Compression.fromWire(config.compressionFormat()) == null) {
            throw invalid("CompressionFormat " + config.compressionFormat() + NOT_SUPPORTED
                    + " Use UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY.");
        }
        EncryptionConfiguration encryption = config.encryptionConfiguration();
        if (encryption != null && encryption.kMSEncryptionConfig() != null) {
            throw invalid("KMSEncryptionConfig" + NOT_SUPPORTED + " The embedded S3 store writes plain files.");
        }
        if (isEnabled(config.dataFormatConversionConfiguration())) {
            throw invalid("DataFormatConversionConfiguration" + NOT_SUPPORTED);
        }
    }

    /** Both configurations count as on unless {@code Enabled} is explicitly false, as in AWS. */
    private static boolean isEnabled(JsonNode feature) {
        return feature != null && !feature.isNull() && feature.path("Enabled").asBoolean(true);
    }

    /** The processors, checked; building them invokes nothing, so no Lambda mapping is needed here. */
    private static ProcessingPipeline pipeline(ExtendedS3DestinationConfiguration config) {
        try {
            return ProcessingPipeline.of(config.processingConfiguration(), LambdaInvoker.none());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static BufferingHints hints(BufferingHints hints) {
        if (hints == null || hints.sizeInMBs() == null && hints.intervalInSeconds() == null) {
            return new BufferingHints(S3Settings.DEFAULT_SIZE_IN_MBS, S3Settings.DEFAULT_INTERVAL_IN_SECONDS);
        }
        if (hints.sizeInMBs() == null || hints.intervalInSeconds() == null) {
            throw invalid("BufferingHints must specify both SizeInMBs and IntervalInSeconds.");
        }
        return hints;
    }

    private static void checkPrefixes(String prefix, String errorOutputPrefix) {
        PrefixExpression main = parse("Prefix", prefix);
        if (main.usesErrorOutputType()) {
            throw invalid("Prefix cannot contain the !{firehose:error-output-type} expression.");
        }
        if (main.hasExpressions() && errorOutputPrefix == null) {
            throw invalid("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        }
        PrefixExpression error = parse("ErrorOutputPrefix", errorOutputPrefix);
        if (error.hasExpressions() && !error.usesErrorOutputType()) {
            throw invalid("ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains "
                    + "expressions.");
        }
    }

    private static PrefixExpression parse(String field, String text) {
        try {
            return PrefixExpression.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field + " is invalid: " + e.getMessage());
        }
    }

    private static void checkTimeZone(String zone) {
        if (zone == null || zone.isEmpty()) {
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw invalid("CustomTimeZone " + zone + " is not a valid time zone.");
        }
    }

    /** The embedded store maps keys to files, so keys must not climb out of the bucket (for example with "../"). */
    private static void checkKeysStayInBucket(S3Settings settings) {
        PrefixExpression prefix = PrefixExpression.parse(settings.prefix());
        String sample = prefix.evaluate(Instant.EPOCH, settings.zone(), null, prefix.placeholderKeys("key"))
                + "object";
        String errorSample = PrefixExpression.parse(settings.errorOutputPrefix())
                .evaluate(Instant.EPOCH, settings.zone(), "processing-failed") + "object";
        try {
            KEY_CHECK.pathOf(settings.bucket(), sample);
            KEY_CHECK.pathOf(settings.bucket(), errorSample);
        } catch (IllegalArgumentException e) {
            throw invalid("The bucket and prefixes must name a location inside the bucket directory of the embedded "
                    + "S3 store; '..' path segments and absolute prefixes are not supported.");
        }
    }

    static ApiException invalid(String message) {
        return FirehoseError.INVALID_ARGUMENT.exception(message);
    }
}
