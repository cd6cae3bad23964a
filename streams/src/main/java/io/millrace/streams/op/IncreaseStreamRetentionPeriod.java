package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html">
 * IncreaseStreamRetentionPeriod</a>: 24 to 8760 hours; the same value as now is accepted. Thread-safe.
 */
public final class IncreaseStreamRetentionPeriod
        implements SyncOperation<IncreaseStreamRetentionPeriodRequest, Void> {
    private final StreamRegistry streams;
    private final Clock clock;

    IncreaseStreamRetentionPeriod(StreamRegistry streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    @Override
    public Void call(IncreaseStreamRetentionPeriodRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        int hours = request.retentionPeriodHours();
        RetentionPeriod.checkRange(hours);
        streams.update(key, stream -> {
            if (hours < stream.retentionHours()) {
                throw KinesisError.INVALID_ARGUMENT.exception("Requested retention period (%d hours) for stream %s "
                        + "can not be shorter than existing retention period (%d hours). "
                        + "Use DecreaseRetentionPeriod API.",
                        hours, key.name(), stream.retentionHours());
            }
            return RetentionPeriod.apply(stream, hours, clock.millis());
        });
        return null;
    }
}
