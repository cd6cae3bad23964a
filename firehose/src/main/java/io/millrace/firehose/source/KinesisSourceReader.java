package io.millrace.firehose.source;

import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamMetadata;
import io.millrace.log.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds every {@code KinesisStreamAsSource} delivery stream from its Kinesis data stream, and every
 * {@code MSKAsSource} one from its Kafka topic (a partition is a shard without lineage, offsets are its sequence
 * numbers): each pass reads, per shard,
 * the records after the stored position into the delivery stream's durable buffer, waits until they are durable
 * there, and only then advances and persists the position. Delivery to the destination then follows the stream's
 * buffering hints like any DirectPut record, so a crash anywhere re-reads, never loses (at-least-once).
 *
 * <p>Resharding: a child shard is read only once its parents (those still present in the stream) are finished, that
 * is closed and read to the end, so the records of one partition key keep their order across a split or merge.
 * Every delivery stream keeps its own positions, so several of them on one Kinesis stream each receive every record.
 * A buffer past its cap is not fed (back-pressure: the records wait in the Kinesis stream, within its retention).
 *
 * <p>Thread safety: {@link #poll} runs on one thread at a time (the engine's ticks thread).
 */
public final class KinesisSourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceReader.class);
    private static final int MAX_RECORDS_PER_READ = 10_000;
    private static final long MAX_BYTES_PER_READ = 4L << 20;

    private final StreamSource source;
    private final MetadataStore metadata;
    private final Clock clock;
    private final long maxBufferedBytes;
    private final Map<String, SourcePositions> positions = new HashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /** What a delivery stream reads ({@link StreamSource} name) and from when, or null when it reads nothing. */
    private record Binding(String sourceId, long startMs) {
        static Binding of(DeliveryStreamMetadata metadata) {
            if (metadata.kinesisSource() != null) {
                return new Binding(metadata.kinesisSource().kinesisStreamARN(),
                        metadata.kinesisSource().deliveryStartMs());
            }
            if (metadata.mskSource() != null) {
                return new Binding(metadata.mskSource().sourceId(), metadata.mskSource().readFromMs());
            }
            return null;
        }
    }

    public KinesisSourceReader(StreamSource source, MetadataStore metadata, Clock clock, long maxBufferedBytes) {
        this.source = source;
        this.metadata = metadata;
        this.clock = clock;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** One pass over {@code streams}; returns how many records were taken into buffers. */
    public synchronized int poll(Collection<DeliveryStream> streams) {
        int taken = 0;
        Set<String> live = new HashSet<>();
        for (DeliveryStream stream : streams) {
            DeliveryStreamMetadata current = stream.metadata();
            Binding binding = Binding.of(current);
            if (binding == null || stream.isDeleted()) {
                continue;
            }
            live.add(current.logKey());
            try {
                taken += pollStream(stream, binding, current);
                if (failing.remove(current.arn())) {
                    LOG.info("Reading the source of {} works again", current.arn());
                }
            } catch (RuntimeException e) {
                if (failing.add(current.arn())) {
                    LOG.warn("Reading the source of {} failed; retrying from its last position", current.arn(), e);
                }
                positions.remove(current.logKey()); // reload what was persisted
            }
        }
        positions.keySet().retainAll(live);
        return taken;
    }

    private int pollStream(DeliveryStream stream, Binding binding, DeliveryStreamMetadata current) {
        SourceStream snapshot = source.describe(binding.sourceId()).orElse(null);
        if (snapshot == null) {
            return 0;
        }
        SourcePositions read = positions.computeIfAbsent(current.logKey(),
                key -> SourcePositions.load(metadata, key));
        read.resetUnless(snapshot.incarnation());
        int taken = 0;
        for (SourceShard shard : snapshot.shards()) {
            if (read.isFinished(shard.shardId()) || !parentsFinished(shard, snapshot, read)) {
                continue;
            }
            if (stream.buffer().pendingBytes() >= maxBufferedBytes) {
                break;
            }
            taken += pollShard(stream, binding, shard, read);
        }
        return taken;
    }

    private static boolean parentsFinished(SourceShard shard, SourceStream snapshot, SourcePositions read) {
        return isDone(shard.parentShardId(), snapshot, read) && isDone(shard.adjacentParentShardId(), snapshot, read);
    }

    /** A parent that is no longer part of the stream cannot hold records any more. */
    private static boolean isDone(String parentId, SourceStream snapshot, SourcePositions read) {
        if (parentId == null || read.isFinished(parentId)) {
            return true;
        }
        return snapshot.shards().stream().noneMatch(s -> s.shardId().equals(parentId));
    }

    private int pollShard(DeliveryStream stream, Binding binding, SourceShard shard, SourcePositions read) {
        ShardRead result = source.read(binding.sourceId(), shard.shardId(), read.after(shard.shardId()),
                binding.startMs(), MAX_RECORDS_PER_READ, MAX_BYTES_PER_READ);
        List<SourceRecord> records = result.records();
        if (!records.isEmpty()) {
            List<byte[]> data = new ArrayList<>(records.size());
            for (SourceRecord record : records) {
                data.add(record.data());
            }
            // The position may only move once the records survive a crash in the buffer.
            stream.buffer().append(data, clock.millis()).durable().join();
            read.advance(shard.shardId(), records.get(records.size() - 1).sequenceNumber());
        }
        if (result.isShardEnd()) {
            read.finish(shard.shardId());
        }
        if (!records.isEmpty() || result.isShardEnd()) {
            read.persist();
        }
        return records.size();
    }
}
