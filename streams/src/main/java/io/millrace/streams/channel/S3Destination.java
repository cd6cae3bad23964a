package io.millrace.streams.channel;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.DeadLetterQueueS3Configuration;
import io.millrace.streams.model.RecordConfiguration;
import io.millrace.streams.model.S3DestinationConfiguration;
import io.millrace.streams.model.S3StorageConfiguration;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and completes the general purpose S3 destination of a channel (reference 9.2). Every message is
 * [UNVERIFIED]: the model gives none. Stateless.
 */
public final class S3Destination {
    /** The reference's default for DataFreshnessInSeconds. */
    public static final int DEFAULT_FRESHNESS_SECONDS = 300;
    private static final Pattern BUCKET_ARN =
            Pattern.compile("arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])");
    private static final Set<String> FORMATS = Set.of("JSON", "STRING", "BYTE_ARRAY");
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "INTELLIGENT_TIERING", "GLACIER_IR");

    private S3Destination() {
    }

    /** The destination as a ChannelDescription shows it: freshness and dead-letter queue filled in. */
    public static S3DestinationConfiguration complete(S3DestinationConfiguration requested,
            RecordConfiguration records) {
        S3StorageConfiguration storage = requested.storageConfiguration();
        checkFormat(records);
        checkCompression(storage.compressionType());
        bucketName(storage.bucketARN());
        if (storage.storageClass() != null && !STORAGE_CLASSES.contains(storage.storageClass())) {
            throw KinesisError.INVALID_ARGUMENT.exception("StorageClass %s is not one of %s.",
                    storage.storageClass(), STORAGE_CLASSES);
        }
        int freshness = requested.dataFreshnessInSeconds() == null
                ? DEFAULT_FRESHNESS_SECONDS : checkFreshness(requested.dataFreshnessInSeconds());
        DeadLetterQueueS3Configuration deadLetters = requested.deadLetterQueueS3Configuration();
        if (deadLetters == null) {
            deadLetters = new DeadLetterQueueS3Configuration(storage.bucketARN(), storage.expectedBucketOwner(),
                    "error/");
        } else {
            bucketName(deadLetters.bucketARN());
        }
        S3StorageConfiguration filled = new S3StorageConfiguration(storage.bucketARN(), storage.expectedBucketOwner(),
                storage.outputKeyTemplate(), storage.storageClass() == null ? "STANDARD" : storage.storageClass(),
                storage.compressionType());
        return new S3DestinationConfiguration(freshness, deadLetters, filled);
    }

    public static int checkFreshness(int seconds) {
        if (seconds < 1) {
            throw KinesisError.INVALID_ARGUMENT.exception(
                    "DataFreshnessInSeconds must be at least 1, got %d.", seconds);
        }
        return seconds;
    }

    /** The bucket name of the destination. */
    public static String bucketName(S3DestinationConfiguration destination) {
        return bucketName(destination.storageConfiguration().bucketARN());
    }

    static boolean gzip(S3DestinationConfiguration destination) {
        return "GZIP".equals(destination.storageConfiguration().compressionType());
    }

    private static String bucketName(String bucketArn) {
        Matcher m = BUCKET_ARN.matcher(bucketArn == null ? "" : bucketArn);
        if (!m.matches()) {
            throw KinesisError.INVALID_ARGUMENT.exception("BucketARN %s is not a valid S3 bucket ARN.", bucketArn);
        }
        return m.group(1);
    }

    private static void checkFormat(RecordConfiguration records) {
        String format = records.recordFormatType();
        if (!FORMATS.contains(format)) {
            throw KinesisError.INVALID_ARGUMENT.exception("RecordFormatType %s is not supported for a general "
                    + "purpose S3 destination (expected one of JSON, STRING, BYTE_ARRAY).", format);
        }
    }

    private static void checkCompression(String compression) {
        if ("ZSTD".equals(compression)) {
            throw KinesisError.INVALID_ARGUMENT.exception("CompressionType ZSTD is not supported by this version "
                    + "of Millrace yet; use NONE or GZIP.");
        }
        if (!"NONE".equals(compression) && !"GZIP".equals(compression)) {
            throw KinesisError.INVALID_ARGUMENT.exception("CompressionType %s is not one of NONE, GZIP, ZSTD.",
                    compression);
        }
    }
}
