package io.millrace.streams.model;

/**
 * Model shapes {@code S3DestinationConfiguration} (CreateChannel input, where only the storage configuration is
 * required), {@code S3DestinationDescription} (every member filled in) and {@code S3DestinationUpdateInput}
 * (UpdateChannel, only the freshness).
 */
public record S3DestinationConfiguration(Integer dataFreshnessInSeconds,
        DeadLetterQueueS3Configuration deadLetterQueueS3Configuration, S3StorageConfiguration storageConfiguration) {
}
