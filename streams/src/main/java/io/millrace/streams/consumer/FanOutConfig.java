package io.millrace.streams.consumer;

/**
 * Tunables of enhanced fan-out. Immutable.
 *
 * @param consumerStatusDelayMs how long a consumer stays CREATING after registration and DELETING after
 *                              deregistration; 0 = at once
 * @param maxConsumersPerStream consumers a stream may have (AWS: 20)
 * @param maxCreatingConsumers  consumers of an account and region that may be CREATING at once (AWS: 5)
 * @param subscriptionLifetimeMs how long one SubscribeToShard stream lasts before it ends normally (AWS: 5 min)
 * @param heartbeatIntervalMs    how long an idle subscription waits before sending an empty event
 * @param takeoverAfterMs        a second subscription to the same consumer and shard within this time of the first
 *                               is refused; later ones take over (AWS: 5 s)
 */
public record FanOutConfig(long consumerStatusDelayMs, int maxConsumersPerStream, int maxCreatingConsumers,
        long subscriptionLifetimeMs, long heartbeatIntervalMs, long takeoverAfterMs) {

    public FanOutConfig {
        if (subscriptionLifetimeMs <= 0 || heartbeatIntervalMs <= 0) {
            throw new IllegalArgumentException("subscriptionLifetimeMs, heartbeatIntervalMs: "
                    + subscriptionLifetimeMs + ", " + heartbeatIntervalMs + " (expected: > 0)");
        }
    }

    public static FanOutConfig defaults() {
        return new FanOutConfig(0, 20, 5, 300_000, 5_000, 5_000);
    }

    public FanOutConfig withConsumerStatusDelayMs(long delayMs) {
        return new FanOutConfig(delayMs, maxConsumersPerStream, maxCreatingConsumers, subscriptionLifetimeMs,
                heartbeatIntervalMs, takeoverAfterMs);
    }

    public FanOutConfig withSubscriptionTimesMs(long lifetimeMs, long heartbeatMs) {
        return new FanOutConfig(consumerStatusDelayMs, maxConsumersPerStream, maxCreatingConsumers, lifetimeMs,
                heartbeatMs, takeoverAfterMs);
    }
}
