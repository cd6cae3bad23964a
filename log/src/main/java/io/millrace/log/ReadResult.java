package io.millrace.log;

import java.util.List;

/** Records read from a {@link ShardLog} and the position to continue from. */
public record ReadResult(List<StoredRecord> records, long nextPosition) {
}
