package io.millrace.server.firehose;

import io.millrace.firehose.source.ShardRead;
import io.millrace.firehose.source.SourceStream;
import io.millrace.firehose.source.StreamSource;

import java.util.Optional;

/**
 * A {@link StreamSource} made of other sources, each source id answered by the one {@link #sourceOf} picks: the
 * lookups delegate, and a read of an id no source serves fails with {@link #noSourceMessage}.
 */
interface RoutedStreamSource extends StreamSource {

    /** The source that serves {@code sourceId}, or {@code null} when none does. */
    StreamSource sourceOf(String sourceId);

    /** Why a read of {@code sourceId}, which no source serves, cannot be done. */
    String noSourceMessage(String sourceId);

    @Override
    default boolean exists(String sourceId) {
        StreamSource source = sourceOf(sourceId);
        return source != null && source.exists(sourceId);
    }

    @Override
    default Optional<SourceStream> describe(String sourceId) {
        StreamSource source = sourceOf(sourceId);
        return source == null ? Optional.empty() : source.describe(sourceId);
    }

    @Override
    default ShardRead read(String sourceId, String shardId, String afterSequenceNumber, long startMs, int maxRecords,
                           long maxBytes) {
        StreamSource source = sourceOf(sourceId);
        if (source == null) {
            throw new IllegalStateException(noSourceMessage(sourceId));
        }
        return source.read(sourceId, shardId, afterSequenceNumber, startMs, maxRecords, maxBytes);
    }
}
