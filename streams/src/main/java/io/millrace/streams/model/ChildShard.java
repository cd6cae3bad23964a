package io.millrace.streams.model;

import java.util.List;

/** Model shape {@code ChildShard}. */
public record ChildShard(String shardId, List<String> parentShards, HashKeyRange hashKeyRange) {
}
