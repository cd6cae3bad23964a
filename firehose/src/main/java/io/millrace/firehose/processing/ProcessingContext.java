package io.millrace.firehose.processing;

/**
 * What processors know about the delivery they run in: the delivery stream's ARN (the Lambda event names it and its
 * region) and the delivery time, used as {@code attemptEndingTimestamp} of failures.
 */
public record ProcessingContext(String deliveryStreamArn, long nowMs) {

    /** The region part of the delivery stream ARN ({@code arn:aws:firehose:<region>:...}). */
    public String region() {
        String[] parts = deliveryStreamArn.split(":", 6);
        return parts.length > 3 ? parts[3] : "";
    }
}
