package io.millrace.streams.op;

import io.millrace.log.ReadResult;
import io.millrace.log.SealableLog;
import io.millrace.log.ShardLog;
import io.millrace.log.StoredRecord;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.limit.ShardThroughput;
import io.millrace.streams.model.Record;
import io.millrace.streams.position.SequenceNumberEncoder;
import io.millrace.streams.position.ShardIterator;
import io.millrace.streams.position.ShardIteratorCodec;
import io.millrace.streams.stream.ChildShards;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html">GetRecords</a>: reads at
 * most {@code Limit} records (default 10000) and 10 MiB from the iterator's position, skipping records past
 * retention, and returns a fresh iterator after the last record returned. A read that reaches the end of a closed
 * shard (with or without records) returns no iterator and the shard's {@code ChildShards} instead; the end is final
 * because a shard is only closed while no writer is appending to it (or, for a log several gateways append to,
 * once it is sealed). Thread-safe.
 */
public final class GetRecords implements SyncOperation<GetRecordsRequest, GetRecordsResponse> {
    static final int DEFAULT_LIMIT = 10_000;
    static final long MAX_RESPONSE_BYTES = 10L * 1024 * 1024;
    /** Java's {@code Date.toString()} in UTC, which AWS prints in the expiry message. */
    private static final DateTimeFormatter DATE_TO_STRING =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private final StreamRegistry streams;
    private final ShardIteratorCodec iterators;
    private final ShardThroughput throughput;
    private final Clock clock;
    private final long iteratorTtlMs;

    GetRecords(StreamRegistry streams, ShardIteratorCodec iterators, ShardThroughput throughput, Clock clock,
            long iteratorTtlMs) {
        this.streams = streams;
        this.iterators = iterators;
        this.throughput = throughput;
        this.clock = clock;
        this.iteratorTtlMs = iteratorTtlMs;
    }

    @Override
    public GetRecordsResponse call(GetRecordsRequest request, RequestContext context) {
        ShardIterator iterator = iterators.decode(request.shardIterator())
                .orElseThrow(() -> KinesisError.INVALID_ARGUMENT.exception("Invalid ShardIterator."));
        long nowMs = clock.millis();
        checkNotExpired(iterator, nowMs);
        StreamKey key = new StreamKey(iterator.accountId(), iterator.region(), iterator.streamName());
        Stream stream = streams.find(key)
                .filter(s -> s.metadata().creationMs() == iterator.streamCreationMs())
                .orElseThrow(() -> StreamErrors.shardDoesNotExist(key, iterator.shardIndex()));
        ShardLog log = stream.log(iterator.shardIndex());
        if (log == null) {
            throw StreamErrors.shardDoesNotExist(key, iterator.shardIndex());
        }
        DryRun.stopIfRequested(request.dryRun());
        StreamMetadata metadata = stream.metadata();
        if (!throughput.tryRead(metadata.storageKey(), iterator.shardIndex())) {
            throw KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED.exception(
                    RecordWriter.throttledMessage(metadata, iterator.shardIndex()));
        }
        // Arrival times never decrease within a log, so one lookup skips every record past retention.
        long from = Math.max(iterator.position(), log.positionForTimestamp(metadata.readableFromMs(nowMs)));
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        ReadResult read = log.read(from, limit, MAX_RESPONSE_BYTES);
        List<StoredRecord> stored = read.records();
        throughput.onRead(metadata.storageKey(), iterator.shardIndex(),
                () -> stored.stream().mapToLong(r -> RecordWriter.sizeBytes(r.data(), r.partitionKey())).sum());
        long next = stored.isEmpty() ? from : read.nextPosition();
        long millisBehindLatest = next >= log.endPosition() || stored.isEmpty()
                ? 0 : Math.max(0, nowMs - stored.get(stored.size() - 1).arrivalMs());
        SequenceNumberEncoder numbers = new SequenceNumberEncoder();
        long shardCreationMs = metadata.shard(iterator.shardIndex()).creationMs();
        List<Record> records = stored.stream().map(r -> new Record(
                numbers.forRecord(shardCreationMs, iterator.shardIndex(), r.position(), r.arrivalMs()),
                Instant.ofEpochMilli(r.arrivalMs()), r.data(), r.partitionKey(),
                Encryption.ofStored(r))).toList();
        ShardMetadata shard = metadata.shard(iterator.shardIndex());
        if (!shard.open() && SealableLog.endIsFinal(log) && next >= log.endPosition()) {
            return new GetRecordsResponse(records, null, millisBehindLatest, ChildShards.of(metadata, shard));
        }
        String nextIterator = iterators.encode(new ShardIterator(iterator.accountId(), iterator.region(),
                iterator.streamName(), iterator.streamCreationMs(), iterator.shardIndex(), next, nowMs));
        return new GetRecordsResponse(records, nextIterator, millisBehindLatest, null);
    }

    private void checkNotExpired(ShardIterator iterator, long nowMs) {
        if (nowMs - iterator.issuedAtMs() > iteratorTtlMs) {
            throw KinesisError.EXPIRED_ITERATOR.exception("Iterator expired. The iterator was created at time %s "
                    + "while right now it is %s which is further in the future than the tolerated delay of %d "
                    + "milliseconds.", DATE_TO_STRING.format(Instant.ofEpochMilli(iterator.issuedAtMs())),
                    DATE_TO_STRING.format(Instant.ofEpochMilli(nowMs)), iteratorTtlMs);
        }
    }
}
