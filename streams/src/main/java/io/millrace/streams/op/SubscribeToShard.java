package io.millrace.streams.op;

import io.millrace.log.ShardLog;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.consumer.ConsumerArn;
import io.millrace.streams.consumer.ConsumerErrors;
import io.millrace.streams.consumer.ConsumerMetadata;
import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.consumer.ShardSubscription;
import io.millrace.streams.consumer.SubscriptionHub;
import io.millrace.streams.model.ConsumerStatus;
import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.model.StartingPosition;
import io.millrace.streams.position.SequenceNumber;
import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.OptionalInt;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SubscribeToShard.html">SubscribeToShard</a>:
 * checks everything that AWS answers with an ordinary HTTP error (consumer exists and is ACTIVE, stream readable,
 * shard exists, starting position valid, no younger subscription of the same consumer and shard), then answers with
 * a live {@link io.millrace.streams.consumer.ShardSubscription}. Thread-safe.
 */
public final class SubscribeToShard implements SyncOperation<SubscribeToShardRequest, SubscribeToShardResponse> {
    private final StreamRegistry streams;
    private final ConsumerRegistry consumers;
    private final SubscriptionHub subscriptions;
    private final Clock clock;

    SubscribeToShard(StreamRegistry streams, ConsumerRegistry consumers, SubscriptionHub subscriptions, Clock clock) {
        this.streams = streams;
        this.consumers = consumers;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    public SubscribeToShardResponse call(SubscribeToShardRequest request, RequestContext context) {
        ConsumerArn arn = ConsumerArn.parse(request.consumerARN());
        if (arn == null) {
            throw ConsumerErrors.arnNotFound(request.consumerARN());
        }
        Stream stream = streams.find(arn.stream()).orElseThrow(() -> StreamErrors.notFound(arn.stream()));
        StreamMetadata metadata = stream.metadata();
        ConsumerMetadata consumer = consumers.find(metadata, arn.consumerName())
                .filter(c -> c.arn().equals(request.consumerARN()))
                .orElseThrow(() -> ConsumerErrors.arnNotFound(request.consumerARN()));
        if (consumer.status() != ConsumerStatus.ACTIVE) {
            throw ConsumerErrors.notActive(arn);
        }
        StreamErrors.checkChangeable(metadata);
        OptionalInt shardIndex = ShardId.parseIndex(request.shardId());
        ShardMetadata shard = shardIndex.isEmpty() ? null : metadata.shard(shardIndex.getAsInt());
        if (shard == null) {
            throw StreamErrors.couldNotFindShard(request.shardId(), arn.stream());
        }
        long position = position(request.startingPosition(), stream.log(shard.index()), shard, arn);
        ShardSubscription subscription = subscriptions.open(arn, stream, shard.index(), position);
        subscription.drainCaughtUpOn(context.connectionExecutor());
        return new SubscribeToShardResponse(subscription);
    }

    private long position(StartingPosition start, ShardLog log, ShardMetadata shard, ConsumerArn arn) {
        checkArguments(start);
        return switch (start.type()) {
            case TRIM_HORIZON -> log.startPosition();
            case LATEST -> log.endPosition();
            case AT_TIMESTAMP -> log.positionForTimestamp(start.timestamp().toEpochMilli());
            case AT_SEQUENCE_NUMBER -> Math.min(number(start, shard, arn).atPosition(), log.endPosition());
            case AFTER_SEQUENCE_NUMBER -> Math.min(number(start, shard, arn).afterPosition(), log.endPosition());
        };
    }

    private void checkArguments(StartingPosition start) {
        ShardIteratorType type = start.type();
        boolean needsNumber = type == ShardIteratorType.AT_SEQUENCE_NUMBER
                || type == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        if (needsNumber && start.sequenceNumber() == null) {
            // [UNVERIFIED] text.
            throw KinesisError.INVALID_ARGUMENT.exception("StartingPosition of type %s requires a SequenceNumber.",
                    type);
        }
        if (type == ShardIteratorType.AT_TIMESTAMP) {
            if (start.timestamp() == null) {
                // [UNVERIFIED] text.
                throw KinesisError.INVALID_ARGUMENT.exception(
                        "StartingPosition of type AT_TIMESTAMP requires a Timestamp.");
            }
            if (start.timestamp().toEpochMilli() > clock.millis()) {
                throw KinesisError.INVALID_ARGUMENT.exception("The timestampInMillis parameter cannot be greater "
                        + "than the currentTimestampInMillis. timestampInMillis: %d, currentTimestampInMillis: %d",
                        start.timestamp().toEpochMilli(), clock.millis());
            }
        }
    }

    private static SequenceNumber number(StartingPosition start, ShardMetadata shard, ConsumerArn arn) {
        SequenceNumber number = SequenceNumberCodec.decode(start.sequenceNumber())
                .filter(n -> n.shardIndex() == shard.index() && n.shardCreationSeconds() == shard.creationMs() / 1000)
                // [UNVERIFIED] text, shaped like GetShardIterator's.
                .orElseThrow(() -> KinesisError.INVALID_ARGUMENT.exception("StartingSequenceNumber %s used in "
                        + "SubscribeToShard on shard %s in stream %s under account %s is invalid.",
                        start.sequenceNumber(), shard.shardId(), arn.stream().name(), arn.stream().accountId()));
        return number;
    }
}
