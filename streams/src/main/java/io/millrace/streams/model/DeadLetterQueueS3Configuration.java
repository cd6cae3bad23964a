package io.millrace.streams.model;

/** Model shape {@code DeadLetterQueueS3Configuration}: where records that cannot be delivered would go. */
public record DeadLetterQueueS3Configuration(String bucketARN, String expectedBucketOwner,
        String errorOutputPrefix) {
}
