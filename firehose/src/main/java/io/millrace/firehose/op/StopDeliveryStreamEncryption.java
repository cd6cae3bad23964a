package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamEncryption;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_StopDeliveryStreamEncryption.html">
 * StopDeliveryStreamEncryption</a>: records put from now on are buffered in plaintext; the stream shows DISABLING,
 * then DISABLED after the transition time. Records already buffered stay encrypted and are delivered as usual.
 * Stopping an unencrypted stream is accepted [UNVERIFIED]. Thread-safe.
 */
final class StopDeliveryStreamEncryption
        implements SyncFirehoseOperation<StopDeliveryStreamEncryptionRequest, EmptyResponse> {
    private final DeliveryStreamRegistry registry;
    private final Clock clock;
    private final long transitionMs;

    StopDeliveryStreamEncryption(DeliveryStreamRegistry registry, Clock clock, long transitionMs) {
        this.registry = registry;
        this.clock = clock;
        this.transitionMs = transitionMs;
    }

    @Override
    public EmptyResponse call(StopDeliveryStreamEncryptionRequest request, FirehoseContext context) {
        DeliveryStream stream = registry.require(new DeliveryStreamKey(context.accountId(), context.region(),
                request.deliveryStreamName()));
        long nowMs = clock.millis();
        registry.updateEncryption(stream, current -> {
            ServerSideEncryption.requireSettled(stream, nowMs);
            if (!current.enabled()) {
                return current;
            }
            return new DeliveryStreamEncryption(current.keyType(), current.keyArn(), false, nowMs + transitionMs);
        });
        return EmptyResponse.INSTANCE;
    }
}
