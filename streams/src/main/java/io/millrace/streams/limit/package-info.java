/**
 * Rates, limits and the policies built on them: {@link io.millrace.streams.limit.TokenBucket} (the rate value),
 * {@link io.millrace.streams.limit.ShardThroughput} (opt-in per-shard data-plane limits),
 * {@link io.millrace.streams.limit.ControlPlaneRateLimit} (per-account TPS, a decorator),
 * {@link io.millrace.streams.limit.FaultInjection} (a decorator driven by a {@link io.millrace.streams.limit.FaultPlan}),
 * {@link io.millrace.streams.limit.ShardWriteRate} (what each shard took, per second) and
 * {@link io.millrace.streams.limit.OnDemandScalingPolicy} (when an ON_DEMAND stream splits a shard).
 */
package io.millrace.streams.limit;
