package io.millrace.streams.op;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StartStreamEncryption.html">
 * StartStreamEncryption</a>: an ACTIVE stream records KMS with the given key and stays UPDATING for the configured
 * delay; records written after that report {@code EncryptionType: KMS}. Millrace keeps no KMS: any key id is
 * accepted, and data at rest is not encrypted. The 25-changes-per-day limit is not enforced. Thread-safe.
 */
public final class StartStreamEncryption implements SyncOperation<StartStreamEncryptionRequest, Void> {
    private final StreamRegistry streams;
    private final EngineConfig config;
    private final Clock clock;

    StartStreamEncryption(StreamRegistry streams, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Void call(StartStreamEncryptionRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        Encryption.requireKms(request.encryptionType(), key);
        long nowMs = clock.millis();
        long delayMs = config.updateStreamDelayMs();
        streams.update(key, metadata -> StreamUpdates.beginUpdate(StreamUpdates.requireActive(metadata)
                .withSettings(metadata.settings().withEncryption(EncryptionType.KMS, request.keyId(),
                        nowMs + Math.max(0, delayMs))), nowMs, delayMs));
        return null;
    }
}
