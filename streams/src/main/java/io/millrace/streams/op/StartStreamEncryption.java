package io.millrace.streams.op;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StartStreamEncryption.html">
 * StartStreamEncryption</a>: an ACTIVE stream records KMS with the given key and stays UPDATING for the configured
 * delay; records written after that are encrypted at rest (AES-256-GCM, under the key ring's master key for the key
 * id) and report {@code EncryptionType: KMS}. An unknown key id is KMSNotFoundException with a fixed key ring
 * ({@code --keyring}); without one, a key is generated for it. The 25-changes-per-day limit is not enforced.
 * Thread-safe.
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
        streams.require(key);
        Encryption.requireKey(streams, request.keyId());
        long nowMs = clock.millis();
        long delayMs = config.updateStreamDelayMs();
        streams.update(key, metadata -> StreamUpdates.beginUpdate(StreamUpdates.requireActive(metadata)
                .withSettings(metadata.settings().withEncryption(EncryptionType.KMS, request.keyId(),
                        nowMs + Math.max(0, delayMs))), nowMs, delayMs));
        return null;
    }
}
