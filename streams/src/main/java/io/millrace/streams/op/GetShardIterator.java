package io.millrace.streams.op;

import io.millrace.log.ShardLog;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.position.SequenceNumber;
import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.position.ShardIterator;
import io.millrace.streams.position.ShardIteratorCodec;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.OptionalInt;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html">GetShardIterator</a>
 * for all five iterator types. The position is fixed at call time (LATEST does not follow later writes) and sealed
 * into a self-contained, signed iterator. Thread-safe.
 */
public final class GetShardIterator implements SyncOperation<GetShardIteratorRequest, GetShardIteratorResponse> {
    private final StreamRegistry streams;
    private final ShardIteratorCodec iterators;
    private final Clock clock;

    GetShardIterator(StreamRegistry streams, ShardIteratorCodec iterators, Clock clock) {
        this.streams = streams;
        this.iterators = iterators;
        this.clock = clock;
    }

    @Override
    public GetShardIteratorResponse call(GetShardIteratorRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        OptionalInt parsed = ShardId.parseIndex(request.shardId());
        if (parsed.isEmpty()) {
            throw StreamErrors.couldNotFindShard(request.shardId(), key);
        }
        int shardIndex = parsed.getAsInt();
        long nowMs = clock.millis();
        checkArguments(request, nowMs);
        Stream stream = streams.find(key)
                .filter(s -> s.metadata().status() != StreamStatus.CREATING)
                .orElseThrow(() -> StreamErrors.shardDoesNotExist(key, shardIndex));
        StreamMetadata metadata = stream.metadata();
        ShardMetadata shard = metadata.shard(shardIndex);
        if (shard == null) {
            throw StreamErrors.shardDoesNotExist(key, shardIndex);
        }
        long position = position(request, stream.log(shardIndex), shard, key);
        DryRun.stopIfRequested(request.dryRun());
        return new GetShardIteratorResponse(iterators.encode(new ShardIterator(key.accountId(), key.region(),
                key.name(), metadata.creationMs(), shardIndex, position, nowMs)));
    }

    private static void checkArguments(GetShardIteratorRequest request, long nowMs) {
        ShardIteratorType type = request.shardIteratorType();
        boolean hasNumber = request.startingSequenceNumber() != null;
        boolean needsNumber = type == ShardIteratorType.AT_SEQUENCE_NUMBER
                || type == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        boolean forbidsNumber = type == ShardIteratorType.TRIM_HORIZON || type == ShardIteratorType.LATEST;
        if ((needsNumber && !hasNumber) || (forbidsNumber && hasNumber)) {
            throw KinesisError.INVALID_ARGUMENT.exception("Must either specify (1) AT_SEQUENCE_NUMBER or "
                    + "AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no "
                    + "StartingSequenceNumber. Request specified %s and %s StartingSequenceNumber.", type,
                    hasNumber ? "also a" : "no");
        }
        if (type == ShardIteratorType.AT_TIMESTAMP) {
            if (request.timestamp() == null) {
                throw KinesisError.INVALID_ARGUMENT.exception("Must specify timestampInMillis parameter for "
                        + "iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.");
            }
            long timestampMs = request.timestamp().toEpochMilli();
            if (timestampMs > nowMs) {
                throw KinesisError.INVALID_ARGUMENT.exception("The timestampInMillis parameter cannot be greater "
                        + "than the currentTimestampInMillis. timestampInMillis: %d, currentTimestampInMillis: %d",
                        timestampMs, nowMs);
            }
        }
    }

    private static long position(GetShardIteratorRequest request, ShardLog log, ShardMetadata shard,
            StreamKey key) {
        return switch (request.shardIteratorType()) {
            case TRIM_HORIZON -> log.startPosition();
            case LATEST -> log.endPosition();
            case AT_TIMESTAMP -> log.positionForTimestamp(request.timestamp().toEpochMilli());
            case AT_SEQUENCE_NUMBER -> Math.min(startingNumber(request, shard, key).atPosition(), log.endPosition());
            case AFTER_SEQUENCE_NUMBER ->
                    Math.min(startingNumber(request, shard, key).afterPosition(), log.endPosition());
        };
    }

    private static SequenceNumber startingNumber(GetShardIteratorRequest request, ShardMetadata shard,
            StreamKey key) {
        String given = request.startingSequenceNumber();
        SequenceNumber number = SequenceNumberCodec.decode(given).orElseThrow(() ->
                KinesisError.INVALID_ARGUMENT.exception("StartingSequenceNumber %s used in GetShardIterator on shard "
                        + "%s in stream %s under account %s is invalid.", given, shard.shardId(), key.name(),
                        key.accountId()));
        if (number.shardIndex() != shard.index()) {
            throw KinesisError.INVALID_ARGUMENT.exception("Invalid StartingSequenceNumber. It encodes %s, while it "
                    + "was used in a call to a shard with %s", ShardId.name(number.shardIndex()), shard.shardId());
        }
        if (number.shardCreationSeconds() != shard.creationMs() / 1000) {
            throw KinesisError.INVALID_ARGUMENT.exception("StartingSequenceNumber %s used in GetShardIterator on "
                    + "shard %s in stream %s under account %s is invalid because it did not come from this stream.",
                    given, shard.shardId(), key.name(), key.accountId());
        }
        return number;
    }
}
