package io.millrace.firehose;

import io.millrace.firehose.processing.LambdaEndpoints;

/**
 * Settings of the Firehose engine.
 *
 * @param deliveryTickMs            how often buffers are checked against their flush policy
 * @param maxDeliveryStreams        delivery streams per account and region (the model's quota: 5,000)
 * @param maxBufferedBytesPerStream undelivered bytes a stream may hold before puts are throttled
 * @param lambdaEndpoints           the HTTP URLs that play the Lambda functions of {@code Lambda} processors
 */
public record FirehoseConfig(long deliveryTickMs, int maxDeliveryStreams, long maxBufferedBytesPerStream,
                             LambdaEndpoints lambdaEndpoints) {

    public FirehoseConfig(long deliveryTickMs, int maxDeliveryStreams, long maxBufferedBytesPerStream) {
        this(deliveryTickMs, maxDeliveryStreams, maxBufferedBytesPerStream, LambdaEndpoints.NONE);
    }

    public FirehoseConfig {
        if (deliveryTickMs <= 0) {
            throw new IllegalArgumentException("deliveryTickMs: " + deliveryTickMs + " (expected: > 0)");
        }
        if (maxDeliveryStreams <= 0) {
            throw new IllegalArgumentException("maxDeliveryStreams: " + maxDeliveryStreams + " (expected: > 0)");
        }
        if (maxBufferedBytesPerStream <= 0) {
            throw new IllegalArgumentException("maxBufferedBytesPerStream: " + maxBufferedBytesPerStream
                    + " (expected: > 0)");
        }
        if (lambdaEndpoints == null) {
            throw new IllegalArgumentException("lambdaEndpoints: null (expected: LambdaEndpoints.NONE for none)");
        }
    }

    public FirehoseConfig withLambdaEndpoints(LambdaEndpoints endpoints) {
        return new FirehoseConfig(deliveryTickMs, maxDeliveryStreams, maxBufferedBytesPerStream, endpoints);
    }

    public static FirehoseConfig defaults() {
        return new FirehoseConfig(200, 5_000, 1024L * 1024 * 1024);
    }
}
