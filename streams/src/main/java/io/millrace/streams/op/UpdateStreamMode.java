package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.List;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateStreamMode.html">UpdateStreamMode</a>:
 * switches an ACTIVE stream, named by its ARN, between PROVISIONED and ON_DEMAND, at most
 * {@value #MAX_SWITCHES_PER_DAY} times per rolling 24 hours. The shards stay as they are: an ON_DEMAND stream then
 * grows them with its write rate. The stream stays UPDATING for {@code updateStreamDelayMs}. Thread-safe.
 */
public final class UpdateStreamMode implements SyncOperation<UpdateStreamModeRequest, Void> {
    static final int MAX_SWITCHES_PER_DAY = 2;

    private final StreamRegistry streams;
    private final EngineConfig config;
    private final Clock clock;

    UpdateStreamMode(StreamRegistry streams, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Void call(UpdateStreamModeRequest request, RequestContext context) {
        StreamKey key = StreamKey.fromArn(request.streamARN());
        if (key == null) {
            // [UNVERIFIED] text; the shape phase already checked the model's ARN pattern.
            throw KinesisError.INVALID_ARGUMENT.exception("StreamARN %s is not a valid stream ARN.",
                    request.streamARN());
        }
        StreamMode target = request.streamModeDetails().streamMode();
        AccountStreamLimits.reserving(streams, key, owner -> streams.update(key, stream -> {
            ReshardRules.requireActive(stream);
            checkSwitch(stream, target);
            long nowMs = clock.millis();
            checkSwitchesPerDay(stream, nowMs);
            if (target == StreamMode.ON_DEMAND) {
                // Counts the account's streams: reserved on a shared store so it holds across gateways.
                AccountStreamLimits.reserve(streams, stream, owner,
                        List.of(AccountStreamLimits.onDemandStreams(streams, config, stream, nowMs)));
            }
            return ReshardRules.updating(stream.withModeSwitch(target, nowMs), config, nowMs);
        }));
        return null;
    }

    private static void checkSwitch(StreamMetadata stream, StreamMode target) {
        if (stream.mode() == target) {
            // [UNVERIFIED] text for a switch to the mode the stream is already in.
            throw KinesisError.INVALID_ARGUMENT.exception("Stream %s under account %s is already in %s mode.",
                    stream.name(), stream.accountId(), target);
        }
        if (target == StreamMode.PROVISIONED && stream.distributionStrategy() == RecordDistributionStrategy.AUTO) {
            // [UNVERIFIED] text; AUTO distribution exists only for ON_DEMAND streams.
            throw KinesisError.INVALID_ARGUMENT.exception("Stream %s under account %s uses RecordDistributionStrategy "
                    + "AUTO, which is only supported in ON_DEMAND mode.", stream.name(), stream.accountId());
        }
    }

    private static void checkSwitchesPerDay(StreamMetadata stream, long nowMs) {
        if (StreamMetadata.countInLastDay(stream.modeSwitchesMs(), nowMs) >= MAX_SWITCHES_PER_DAY) {
            // [UNVERIFIED] text for the two mode switches per rolling 24 hours limit.
            throw KinesisError.LIMIT_EXCEEDED.exception("Stream %s under account %s has exceeded the limit of %d "
                    + "capacity mode switches in a rolling 24-hour period.", stream.name(), stream.accountId(),
                    MAX_SWITCHES_PER_DAY);
        }
    }
}
