/**
 * Write-rate measurement and the policies built on it: {@link io.millrace.streams.limit.ShardThroughput} counts what
 * each shard took; {@link io.millrace.streams.limit.OnDemandScalingPolicy} decides when an ON_DEMAND stream splits a
 * shard.
 */
package io.millrace.streams.limit;
