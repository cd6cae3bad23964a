package io.millrace.streams.op;

import io.millrace.streams.model.Shard;

import java.util.List;

/** Output of ListShards. */
public record ListShardsResponse(List<Shard> shards, String nextToken) {
}
