package io.millrace.firehose.op;

/**
 * Wire shape {@code FailureDescription}. AWS fills it for KMS and networking failures; Millrace also reports a
 * failing destination here, as {@code UNKNOWN_ERROR} (the model has no delivery failure type) with the last
 * failure's message, while the stream stays {@code ACTIVE} and keeps retrying.
 */
public record FailureDescription(String type, String details) {
}
