package io.millrace.streams.position;

/**
 * What a shard iterator carries: the stream incarnation (account, region, name, creation time), the shard, the log
 * position to read from and when the iterator was issued.
 */
public record ShardIterator(String accountId, String region, String streamName, long streamCreationMs,
        int shardIndex, long position, long issuedAtMs) {
}
