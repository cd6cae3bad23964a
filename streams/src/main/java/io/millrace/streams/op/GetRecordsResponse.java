package io.millrace.streams.op;

import io.millrace.streams.model.ChildShard;
import io.millrace.streams.model.Record;

import java.util.List;

/** Output of GetRecords; {@code millisBehindLatest} is always present. */
public record GetRecordsResponse(List<Record> records, String nextShardIterator, Long millisBehindLatest,
        List<ChildShard> childShards) {
}
