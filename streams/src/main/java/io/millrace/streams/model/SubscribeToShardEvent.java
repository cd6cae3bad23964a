package io.millrace.streams.model;

import java.util.List;

/**
 * Model event {@code SubscribeToShardEvent}. {@code continuationSequenceNumber} is {@code null} only in the last
 * event of a closed shard, which carries the {@code childShards}; clients take that as the shard's end.
 */
public record SubscribeToShardEvent(List<Record> records, String continuationSequenceNumber,
        long millisBehindLatest, List<ChildShard> childShards) {

    public SubscribeToShardEvent {
        records = List.copyOf(records);
        childShards = childShards == null ? null : List.copyOf(childShards);
    }
}
