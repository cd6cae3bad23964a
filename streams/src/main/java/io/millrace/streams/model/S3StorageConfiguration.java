package io.millrace.streams.model;

/**
 * Model shape {@code S3StorageConfiguration}: the bucket a channel writes to and how. {@code compressionType} is
 * {@code NONE}, {@code GZIP} or {@code ZSTD}; {@code storageClass} one of {@code STANDARD},
 * {@code INTELLIGENT_TIERING}, {@code GLACIER_IR}.
 */
public record S3StorageConfiguration(String bucketARN, String expectedBucketOwner, String outputKeyTemplate,
        String storageClass, String compressionType) {
}
