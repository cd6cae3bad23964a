/**
 * Shards and the hash-key space: {@link io.millrace.streams.shard.HashKey} (routing of partition keys),
 * {@link io.millrace.streams.shard.HashKeyRange} (even splits) and {@link io.millrace.streams.shard.ShardId}.
 */
package io.millrace.streams.shard;
