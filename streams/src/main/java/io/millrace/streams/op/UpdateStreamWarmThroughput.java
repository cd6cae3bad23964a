package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.account.AccountSettings;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.WarmThroughputObject;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateStreamWarmThroughput.html">
 * UpdateStreamWarmThroughput</a>: for an ACTIVE ON_DEMAND stream in an account with the minimum throughput billing
 * commitment, targets a warm throughput of at most 10 GiB/s; the stream stays UPDATING for the configured delay and
 * reaches the target at its end. The value is reported, not provisioned. Thread-safe.
 */
public final class UpdateStreamWarmThroughput
        implements SyncOperation<UpdateStreamWarmThroughputRequest, UpdateStreamWarmThroughputResponse> {
    static final int MAX_MIBPS = 10 * 1024;

    private final StreamRegistry streams;
    private final AccountSettings accounts;
    private final EngineConfig config;
    private final Clock clock;

    UpdateStreamWarmThroughput(StreamRegistry streams, AccountSettings accounts, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public UpdateStreamWarmThroughputResponse call(UpdateStreamWarmThroughputRequest request,
            RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        int targetMiBps = request.warmThroughputMiBps();
        if (targetMiBps > MAX_MIBPS) {
            // [UNVERIFIED] AWS's text for a warm throughput above the 10 GiB/s maximum.
            throw KinesisError.INVALID_ARGUMENT.exception("WarmThroughputMiBps %d exceeds the maximum of %d MiBps.",
                    targetMiBps, MAX_MIBPS);
        }
        if (!accounts.commitment(key.accountId(), key.region()).committed()) {
            // [UNVERIFIED] AWS's text when the account has no minimum throughput billing commitment.
            throw KinesisError.INVALID_ARGUMENT.exception("Warm throughput requires the account %s to have "
                    + "MinimumThroughputBillingCommitment enabled.", key.accountId());
        }
        long nowMs = clock.millis();
        long delayMs = config.updateStreamDelayMs();
        StreamMetadata changed = streams.update(key, metadata -> {
            StreamUpdates.requireActive(metadata);
            if (metadata.mode() != StreamMode.ON_DEMAND) {
                // [UNVERIFIED] AWS's text for warm throughput on a provisioned stream.
                throw KinesisError.INVALID_ARGUMENT.exception("Warm throughput is only supported for streams in "
                        + "ON_DEMAND mode. Stream %s under account %s is in PROVISIONED mode.", key.name(),
                        key.accountId());
            }
            return StreamUpdates.beginUpdate(metadata.withSettings(metadata.settings()
                    .withWarmThroughput(targetMiBps, nowMs, nowMs + Math.max(0, delayMs))), nowMs, delayMs);
        });
        return new UpdateStreamWarmThroughputResponse(changed.arn(), changed.name(), new WarmThroughputObject(
                targetMiBps, changed.settings().currentWarmThroughputMiBps(nowMs)));
    }
}
