package io.millrace.firehose.op;

import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamKey;
import io.millrace.firehose.stream.DeliveryStreamRegistry;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_StartDeliveryStreamEncryption.html">
 * StartDeliveryStreamEncryption</a>: the stream goes ENABLING, then ENABLED after the transition time; records put
 * from then on are encrypted at rest in its buffer (AES-256-GCM under the key ring's master key for the key) and
 * PutRecord(Batch) answers {@code Encrypted: true}. Calling it while enabled switches keys; data under the old key
 * stays readable. The 25-calls-per-day limit is not enforced. Thread-safe.
 */
final class StartDeliveryStreamEncryption
        implements SyncFirehoseOperation<StartDeliveryStreamEncryptionRequest, EmptyResponse> {
    /** How long ENABLING and DISABLING last; AWS takes seconds, Millrace none by default. */
    static final long TRANSITION_MS = 0;

    private final DeliveryStreamRegistry registry;
    private final Clock clock;
    private final long transitionMs;

    StartDeliveryStreamEncryption(DeliveryStreamRegistry registry, Clock clock, long transitionMs) {
        this.registry = registry;
        this.clock = clock;
        this.transitionMs = transitionMs;
    }

    @Override
    public EmptyResponse call(StartDeliveryStreamEncryptionRequest request, FirehoseContext context) {
        DeliveryStream stream = registry.require(new DeliveryStreamKey(context.accountId(), context.region(),
                request.deliveryStreamName()));
        long nowMs = clock.millis();
        registry.updateEncryption(stream, current -> {
            ServerSideEncryption.requireSettled(stream, nowMs);
            return ServerSideEncryption.enable(registry, request.deliveryStreamEncryptionConfigurationInput(),
                    nowMs + transitionMs);
        });
        return EmptyResponse.INSTANCE;
    }
}
