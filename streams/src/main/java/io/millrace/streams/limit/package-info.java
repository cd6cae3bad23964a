/**
 * Opt-in limits and fault injection: {@link io.millrace.streams.limit.TokenBucket} (the rate value),
 * {@link io.millrace.streams.limit.ShardThroughput} (per-shard data-plane limits),
 * {@link io.millrace.streams.limit.ControlPlaneRateLimit} (per-account TPS, a decorator) and
 * {@link io.millrace.streams.limit.FaultInjection} (a decorator driven by a {@link io.millrace.streams.limit.FaultPlan}).
 */
package io.millrace.streams.limit;
