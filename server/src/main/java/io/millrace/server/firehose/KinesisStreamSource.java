package io.millrace.server.firehose;

import io.millrace.firehose.source.ShardRead;
import io.millrace.firehose.source.SourceRecord;
import io.millrace.firehose.source.SourceShard;
import io.millrace.firehose.source.SourceStream;
import io.millrace.firehose.source.StreamSource;
import io.millrace.log.ReadResult;
import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.position.SequenceNumber;
import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Firehose's view of this node's Kinesis streams: shards with their lineage, and records read straight from the shard
 * logs (as channels do), honouring retention, named by the same sequence numbers GetRecords returns. Reading here
 * does not count against the shards' GetRecords limits: Firehose is part of the server, not a client of it.
 *
 * <p>Thread-safe: it only reads the registry's published snapshots and the logs, which allow concurrent readers.
 */
public final class KinesisStreamSource implements StreamSource {
    private final StreamRegistry streams;
    private final Clock clock;

    public KinesisStreamSource(StreamRegistry streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    @Override
    public boolean exists(String streamArn) {
        return find(streamArn).isPresent();
    }

    @Override
    public Optional<SourceStream> describe(String streamArn) {
        Stream stream = find(streamArn).orElse(null);
        if (stream == null || stream.metadata().status() == StreamStatus.CREATING) {
            return Optional.empty();
        }
        StreamMetadata metadata = stream.metadata();
        List<SourceShard> shards = new ArrayList<>(metadata.shards().size());
        for (ShardMetadata shard : metadata.shards()) {
            shards.add(new SourceShard(shard.shardId(), shard.parentShardId(), shard.adjacentParentShardId(),
                    !shard.open()));
        }
        return Optional.of(new SourceStream(metadata.storageKey(), shards));
    }

    @Override
    public ShardRead read(String streamArn, String shardId, String afterSequenceNumber, long startMs, int maxRecords,
                          long maxBytes) {
        Stream stream = find(streamArn).orElse(null);
        int index = ShardId.parseIndex(shardId).orElse(-1);
        ShardLog log = stream == null || index < 0 ? null : stream.log(index);
        if (log == null) {
            return new ShardRead(List.of(), true); // gone with its stream: nothing more will come from it
        }
        StreamMetadata metadata = stream.metadata();
        ShardMetadata shard = metadata.shard(index);
        // Closed before reading: a closed shard takes no more appends, so reading to its end means it is done.
        boolean isClosed = !shard.open();
        long from = log.positionForTimestamp(Math.max(startMs, metadata.readableFromMs(clock.millis())));
        if (afterSequenceNumber != null) {
            long after = SequenceNumberCodec.decode(afterSequenceNumber).map(SequenceNumber::afterPosition)
                    .orElseThrow(() -> new IllegalStateException("stored position " + afterSequenceNumber
                            + " is not a sequence number"));
            from = Math.max(after, log.positionForTimestamp(metadata.readableFromMs(clock.millis())));
        }
        ReadResult read = log.read(from, maxRecords, maxBytes);
        List<SourceRecord> records = new ArrayList<>(read.records().size());
        for (StoredRecord record : read.records()) {
            records.add(new SourceRecord(SequenceNumberCodec.forRecord(shard.creationMs(), index, record.position(),
                    record.arrivalMs()), record.arrivalMs(), record.data()));
        }
        long next = records.isEmpty() ? from : read.nextPosition();
        return new ShardRead(records, isClosed && next >= log.endPosition());
    }

    private Optional<Stream> find(String streamArn) {
        StreamKey key = StreamKey.fromArn(streamArn);
        return key == null ? Optional.empty() : streams.find(key);
    }
}
