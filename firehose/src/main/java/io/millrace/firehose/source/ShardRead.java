package io.millrace.firehose.source;

import java.util.List;

/**
 * The result of one {@link StreamSource#read}. {@code isShardEnd}: the shard is closed and nothing follows the
 * returned records, so its children may be read next.
 */
public record ShardRead(List<SourceRecord> records, boolean isShardEnd) {

    public ShardRead {
        records = List.copyOf(records);
    }
}
