package io.millrace.firehose.source;

import java.util.List;

/**
 * A snapshot of a source stream. {@code incarnation} changes when a stream of the same ARN is deleted and created
 * again, so that positions read from the old one are not applied to the new one.
 */
public record SourceStream(String incarnation, List<SourceShard> shards) {

    public SourceStream {
        shards = List.copyOf(shards);
    }
}
