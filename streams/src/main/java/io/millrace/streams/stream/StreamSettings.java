package io.millrace.streams.stream;

import io.millrace.streams.model.EncryptionType;

import java.util.List;

/**
 * The optional per-stream settings beside the core metadata: server-side encryption, enhanced monitoring, the
 * resource policy and warm throughput. Immutable; changes produce a copy. Persisted inside {@link StreamMetadata}.
 *
 * <p>Design note: a change that AWS applies asynchronously (encryption, warm throughput) is stored at once together
 * with the instant it takes effect, the end of the stream's UPDATING phase. Readers compare that instant with the
 * clock, so no background step has to flip the setting and it survives a restart half-way. Millrace records the
 * encryption state; the write path encrypts at rest while {@link #encryptsAt} holds.
 *
 * @param encryptionType          NONE or KMS, as Describe* reports it from the call on
 * @param keyId                   the KMS key given to StartStreamEncryption, or {@code null}
 * @param encryptionEffectiveMs   when the current encryption setting applies to written records
 * @param shardLevelMetrics       enabled enhanced-monitoring metrics, in the model's order
 * @param resourcePolicy          the policy document, or {@code null} when none is attached
 * @param warmThroughputMiBps     the target warm throughput, or {@code null} when never set
 * @param previousWarmThroughputMiBps the warm throughput before the last change (0 when there was none)
 * @param warmThroughputEffectiveMs when the target warm throughput is reached
 */
public record StreamSettings(EncryptionType encryptionType, String keyId, long encryptionEffectiveMs,
        List<String> shardLevelMetrics, String resourcePolicy, Integer warmThroughputMiBps,
        int previousWarmThroughputMiBps, long warmThroughputEffectiveMs) {

    /** A new stream's settings: unencrypted, no metrics, no policy, no warm throughput. */
    public static final StreamSettings DEFAULT = new StreamSettings(EncryptionType.NONE, null, 0, List.of(), null,
            null, 0, 0);

    public StreamSettings {
        encryptionType = encryptionType == null ? EncryptionType.NONE : encryptionType;
        shardLevelMetrics = shardLevelMetrics == null ? List.of() : List.copyOf(shardLevelMetrics);
    }

    public StreamSettings withEncryption(EncryptionType type, String key, long effectiveMs) {
        return new StreamSettings(type, key, effectiveMs, shardLevelMetrics, resourcePolicy, warmThroughputMiBps,
                previousWarmThroughputMiBps, warmThroughputEffectiveMs);
    }

    public StreamSettings withShardLevelMetrics(List<String> metrics) {
        return new StreamSettings(encryptionType, keyId, encryptionEffectiveMs, metrics, resourcePolicy,
                warmThroughputMiBps, previousWarmThroughputMiBps, warmThroughputEffectiveMs);
    }

    /** {@code policy} {@code null} detaches the policy. */
    public StreamSettings withResourcePolicy(String policy) {
        return new StreamSettings(encryptionType, keyId, encryptionEffectiveMs, shardLevelMetrics, policy,
                warmThroughputMiBps, previousWarmThroughputMiBps, warmThroughputEffectiveMs);
    }

    /** Targets {@code targetMiBps} from {@code effectiveMs} on; until then the current value stays what it is now. */
    public StreamSettings withWarmThroughput(int targetMiBps, long nowMs, long effectiveMs) {
        return new StreamSettings(encryptionType, keyId, encryptionEffectiveMs, shardLevelMetrics, resourcePolicy,
                targetMiBps, currentWarmThroughputMiBps(nowMs), effectiveMs);
    }

    /** Whether a record appended at {@code arrivalMs} is encrypted at rest (and reported as KMS-encrypted). */
    public boolean encryptsAt(long arrivalMs) {
        return encryptionType == EncryptionType.KMS && arrivalMs >= encryptionEffectiveMs;
    }

    /** The warm throughput the stream has reached at {@code nowMs}. */
    public int currentWarmThroughputMiBps(long nowMs) {
        if (warmThroughputMiBps == null) {
            return 0;
        }
        return nowMs >= warmThroughputEffectiveMs ? warmThroughputMiBps : previousWarmThroughputMiBps;
    }
}
