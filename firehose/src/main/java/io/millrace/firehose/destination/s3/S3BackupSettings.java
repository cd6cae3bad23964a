package io.millrace.firehose.destination.s3;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where source records are backed up: an {@code S3BackupConfiguration} (the shape of an
 * {@code S3DestinationConfiguration}) as stored, defaults filled in. Every destination with an S3 backup uses it: an
 * ExtendedS3 destination with {@code S3BackupMode Enabled}, and the other destinations' {@code AllData} /
 * {@code FailedDataOnly} modes.
 */
public record S3BackupSettings(String roleARN, String bucketARN, String prefix, String errorOutputPrefix,
                               int sizeInMBs, int intervalInSeconds, String compressionFormat) {

    /**
     * Reads the wire shape; {@code null} members take Firehose's defaults. Throws {@link IllegalArgumentException}
     * with the reason for a configuration Millrace cannot honour.
     */
    public static S3BackupSettings fromWire(JsonNode config) {
        String bucketArn = text(config, "BucketARN");
        String roleArn = text(config, "RoleARN");
        if (bucketArn == null || roleArn == null) {
            throw new IllegalArgumentException("S3BackupConfiguration needs BucketARN and RoleARN.");
        }
        String compression = text(config, "CompressionFormat");
        if (Compression.fromWire(compression) == null) {
            throw new IllegalArgumentException("CompressionFormat " + compression + " of the S3 backup is not "
                    + "supported by this version of Millrace.");
        }
        JsonNode hints = config.path("BufferingHints");
        PrefixExpression.parse(text(config, "Prefix"));
        PrefixExpression.parse(text(config, "ErrorOutputPrefix"));
        return new S3BackupSettings(roleArn, bucketArn, text(config, "Prefix"), text(config, "ErrorOutputPrefix"),
                hints.path("SizeInMBs").asInt(S3Settings.DEFAULT_SIZE_IN_MBS),
                hints.path("IntervalInSeconds").asInt(S3Settings.DEFAULT_INTERVAL_IN_SECONDS),
                compression == null ? Compression.UNCOMPRESSED.name() : compression);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public String bucket() {
        return S3Settings.bucketOf(bucketARN);
    }

    public Compression compression() {
        return Compression.fromWire(compressionFormat);
    }
}
