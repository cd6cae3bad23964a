package io.millrace.streams.channel;

import io.millrace.log.ReadResult;
import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;
import io.millrace.log.object.NoSuchBucketException;
import io.millrace.log.object.ObjectStore;
import io.millrace.streams.model.ChannelStatus;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Delivers the records of ACTIVE channels with an S3 destination through the server's {@link ObjectStore} (the
 * embedded S3 directory, or the S3-compatible endpoint Firehose writes to as well), each DataFreshnessInSeconds: per
 * shard (every shard of the stream, so records of closed parents are not lost), from
 * the persisted position (initially the trim horizon) to the shard's end, one object per shard and round.
 * JSON and STRING records are written one per line; BYTE_ARRAY records are concatenated as they are. Positions are
 * persisted only after the store has the objects, so delivery is at-least-once: a crash between the two re-delivers
 * the same records into an object of the same key. When the bucket cannot be written (checked at the start of each
 * round, and on every object) because it is missing, denied or blocked by a file, the channel turns FAILED with a
 * ChannelStatusReason and delivers nothing more; the records stay in the stream, so a re-created channel delivers
 * them. Any other failure of the store (an S3 endpoint that is down or answers 5xx, a full disk) is taken as
 * passing: the round stops, and the channel tries again after a back-off that doubles from a second up to its
 * freshness interval, from the positions it had reached.
 *
 * <p>Gateways sharing a metadata store deliver one at a time: only the holder of the {@link DeliveryLease}, which
 * checks it before every object and stores the positions after every object, so a gateway taking over starts
 * exactly where the previous holder stopped. Positions live in the channel's shared entry and never move back.
 *
 * <p>Thread safety: {@link #tick()} is synchronized, so the engine's delivery thread and an explicit
 * {@code runMaintenance()} never deliver the same records twice at once; {@link #stop()} may be called from any
 * thread.
 */
public final class ChannelDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelDelivery.class);
    private static final int RECORDS_PER_READ = 10_000;
    private static final long BYTES_PER_OBJECT = 64L << 20;
    private static final DateTimeFormatter HOUR_PREFIX =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);

    private final ChannelRegistry channels;
    private final StreamRegistry streams;
    private final ObjectStore objects;
    private final DeliveryLease lease;
    private final Clock clock;
    private volatile boolean stopped;
    /** The lease tenure the current round began under. */
    private long roundTenure;
    /** Channels (by ARN) whose store failed in passing, and when to try again; only touched inside tick(). */
    private final Map<String, Retry> retries = new HashMap<>();

    /** When a channel whose store failed in passing tries again, and the back-off that chose that time. */
    private record Retry(long atMs, long delayMs) {
    }

    public ChannelDelivery(ChannelRegistry channels, StreamRegistry streams, ObjectStore objects,
            DeliveryLease lease, Clock clock) {
        this.channels = channels;
        this.streams = streams;
        this.objects = objects;
        this.lease = lease;
        this.clock = clock;
    }

    /** Ends delivery: a round in progress stops before its next object, and no round starts any more. */
    public void stop() {
        stopped = true;
    }

    /**
     * Whether another object may be written now: delivery runs and this gateway still holds the lease it held when
     * the round began (had it lost and retaken it, another gateway may have moved the positions meanwhile).
     */
    private boolean mayWrite() {
        return !stopped && lease.holds(clock.millis()) && lease.tenure() == roundTenure;
    }

    /**
     * Delivers every ACTIVE channel whose freshness interval has passed since its last delivery, or fails it if its
     * bucket cannot be written. The bucket is checked once a round rather than every tick: on an S3 endpoint each
     * check is a request.
     */
    public synchronized void tick() {
        long nowMs = clock.millis();
        roundTenure = lease.tenure();
        // Checked before the channels are read: once the lease is held, this view has every position stored by an
        // earlier holder (taking the lease waited for the metadata before it).
        if (!mayWrite()) {
            return;
        }
        List<ChannelMetadata> all = channels.all();
        retries.keySet().retainAll(all.stream().map(ChannelMetadata::arn).toList());
        for (ChannelMetadata channel : all) {
            if (!mayWrite()) {
                return;
            }
            if (channel.status() != ChannelStatus.ACTIVE || nowMs - channel.lastDeliveryMs() < channel.freshnessMs()) {
                continue;
            }
            Retry retry = retries.get(channel.arn());
            if (retry != null && nowMs < retry.atMs()) {
                continue;
            }
            String bucket = S3Destination.bucketName(channel.destination());
            try {
                objects.checkWritable(bucket);
            } catch (IOException e) {
                onStoreFailure(channel, channel.positions(), bucket, e, nowMs);
                continue;
            }
            deliver(channel, nowMs);
        }
    }

    private void deliver(ChannelMetadata channel, long nowMs) {
        StreamKey key = StreamKey.fromArn(channel.streamArn());
        Stream stream = key == null ? null : streams.find(key).orElse(null);
        if (stream == null || !stream.metadata().storageKey().equals(channel.streamStorageKey())) {
            return; // the source stream is gone; nothing left to deliver
        }
        Map<String, Long> positions = new HashMap<>(channel.positions());
        boolean wroteAny = false;
        try {
            for (ShardMetadata shard : stream.metadata().shards()) {
                wroteAny |= deliverShard(channel, stream, shard, positions, nowMs);
            }
        } catch (IOException e) {
            // The destination refused an object. Positions of the shards written so far are kept, so nothing is
            // delivered twice by this channel.
            onStoreFailure(channel, positions, S3Destination.bucketName(channel.destination()), e, nowMs);
            return;
        } catch (UncheckedIOException e) {
            // Reading the source failed, not the destination: the rest is retried next round.
            LOG.warn("Channel {}: reading the stream failed, retrying next round", channel.arn(), e);
        }
        retries.remove(channel.arn());
        if (!wroteAny) {
            // Each object already stored its positions; a round that wrote none still restarts the freshness timer.
            channels.recordDelivery(channel, positions, nowMs);
        }
    }

    /** FAILED for a destination that cannot take objects as configured; otherwise a retry after a back-off. */
    private void onStoreFailure(ChannelMetadata channel, Map<String, Long> positions, String bucket,
            IOException cause, long nowMs) {
        String reason = failureReason(bucket, cause);
        if (reason != null) {
            LOG.warn("Channel {}: delivery to bucket {} cannot proceed; the channel is FAILED", channel.arn(), bucket,
                    cause);
            retries.remove(channel.arn());
            channels.recordFailure(channel, positions, reason, nowMs);
            return;
        }
        Retry previous = retries.get(channel.arn());
        long delayMs = previous == null ? 1_000 : Math.min(previous.delayMs() * 2, channel.freshnessMs());
        retries.put(channel.arn(), new Retry(nowMs + delayMs, delayMs));
        LOG.warn("Channel {}: delivery to bucket {} failed; trying again in {} ms", channel.arn(), bucket, delayMs,
                cause);
    }

    /**
     * The ChannelStatusReason of a destination that cannot take objects as configured, or {@code null} for a
     * failure that may pass; [UNVERIFIED] wording (the model documents none).
     */
    static String failureReason(String bucket, IOException cause) {
        String why;
        if (cause instanceof FileAlreadyExistsException || cause instanceof NotDirectoryException) {
            why = "a file in the object store stands where the bucket or its key prefix needs a directory";
        } else if (cause instanceof NoSuchBucketException) {
            why = "the bucket does not exist";
        } else if (cause instanceof AccessDeniedException) {
            why = "the object store denies writing into the bucket";
        } else {
            return null;
        }
        return "Records cannot be delivered to S3 bucket " + bucket + ": " + why + ". Delete the channel and "
                + "create it again once the bucket is writable.";
    }

    /** Delivers one shard from its position to its end, or until the lease is lost; returns whether it wrote. */
    private boolean deliverShard(ChannelMetadata channel, Stream stream, ShardMetadata shard,
            Map<String, Long> positions, long nowMs) throws IOException {
        StreamMetadata metadata = stream.metadata();
        ShardLog log = stream.log(shard.index());
        long from = Math.max(positions.getOrDefault(shard.shardId(), 0L),
                log.positionForTimestamp(metadata.readableFromMs(nowMs)));
        boolean wrote = false;
        while (from < log.endPosition() && mayWrite()) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            long next = from;
            while (next < log.endPosition() && content.size() < BYTES_PER_OBJECT) {
                ReadResult read = log.read(next, RECORDS_PER_READ, BYTES_PER_OBJECT);
                if (read.records().isEmpty()) {
                    break;
                }
                for (StoredRecord record : read.records()) {
                    RecordFormat.of(channel).write(record.data(), content);
                }
                next = read.nextPosition();
            }
            if (next == from || !mayWrite()) {
                break;
            }
            objects.putObject(S3Destination.bucketName(channel.destination()), objectKey(channel, shard, from, nowMs),
                    compress(channel, content.toByteArray()));
            positions.put(shard.shardId(), next);
            // Stored at once, so a gateway taking the lease over next starts after this object, not before it.
            channels.recordDelivery(channel, positions, nowMs);
            wrote = true;
            from = next;
        }
        return wrote;
    }

    /**
     * {@code <OutputKeyTemplate as a literal prefix>yyyy/MM/dd/HH/<channel>-<shardId>-<first position>[.gz]}, the
     * hour being the delivery's (UTC).
     */
    private static String objectKey(ChannelMetadata channel, ShardMetadata shard, long fromPosition, long nowMs) {
        String prefix = channel.destination().storageConfiguration().outputKeyTemplate();
        String suffix = S3Destination.gzip(channel.destination()) ? ".gz" : "";
        return (prefix == null ? "" : prefix) + HOUR_PREFIX.format(Instant.ofEpochMilli(nowMs))
                + channel.name() + "-" + shard.shardId() + "-" + String.format("%020d", fromPosition) + suffix;
    }

    private static byte[] compress(ChannelMetadata channel, byte[] content) throws IOException {
        if (!S3Destination.gzip(channel.destination())) {
            return content;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(content);
        }
        return compressed.toByteArray();
    }
}
