package io.millrace.streams.op;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StopStreamEncryption.html">
 * StopStreamEncryption</a>: an ACTIVE stream goes back to {@code EncryptionType: NONE} at once (records written
 * from now on report no encryption) and stays UPDATING for the configured delay. Stopping on an unencrypted stream
 * is accepted [UNVERIFIED]. Thread-safe.
 */
public final class StopStreamEncryption implements SyncOperation<StopStreamEncryptionRequest, Void> {
    private final StreamRegistry streams;
    private final EngineConfig config;
    private final Clock clock;

    StopStreamEncryption(StreamRegistry streams, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Void call(StopStreamEncryptionRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        Encryption.requireKms(request.encryptionType(), key);
        long nowMs = clock.millis();
        streams.update(key, metadata -> StreamUpdates.beginUpdate(StreamUpdates.requireActive(metadata)
                .withSettings(metadata.settings().withEncryption(EncryptionType.NONE, null, nowMs)), nowMs,
                config.updateStreamDelayMs()));
        return null;
    }
}
