package io.millrace.streams;

import io.millrace.log.object.LocalObjectStore;
import io.millrace.log.object.ObjectStore;
import io.millrace.streams.limit.FaultPlan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Tunables of the Kinesis engine. Immutable (the secret is copied in and out).
 *
 * @param createStreamDelayMs how long a new stream stays CREATING; 0 = ACTIVE before CreateStream returns
 * @param deleteStreamDelayMs how long a deleted stream stays DELETING; 0 = gone before DeleteStream returns
 * @param updateStreamDelayMs how long a stream stays UPDATING after a change that passes through that state
 * @param shardLimit open shards allowed per account and region
 * @param onDemandDefaultShardCount shards of a new ON_DEMAND stream
 * @param onDemandStreamCountLimit ON_DEMAND streams allowed per account and region
 * @param iteratorTtlMs life of a shard iterator
 * @param nextTokenTtlMs life of a ListStreams/ListShards NextToken
 * @param iteratorSecret key authenticating shard iterators and tokens; nodes sharing streams must share it
 * @param limitsEnforced whether per-shard throughput and control-plane TPS limits apply (off by default)
 * @param faultPlan which operations fail on purpose, and how often ({@link FaultPlan#NONE} by default)
 * @param objectStore where channels deliver their objects (the embedded directory or an S3 endpoint); {@code null}
 *     (the default) refuses CreateChannel
 */
public record EngineConfig(long createStreamDelayMs, long deleteStreamDelayMs, long updateStreamDelayMs,
        int shardLimit, int onDemandDefaultShardCount, int onDemandStreamCountLimit, long iteratorTtlMs,
        long nextTokenTtlMs, byte[] iteratorSecret, boolean limitsEnforced, FaultPlan faultPlan,
        ObjectStore objectStore) {

    public EngineConfig {
        if (iteratorSecret.length < 16) {
            throw new IllegalArgumentException("iteratorSecret: " + iteratorSecret.length + " bytes (expected: >= 16)");
        }
        iteratorSecret = iteratorSecret.clone();
        faultPlan = faultPlan == null ? FaultPlan.NONE : faultPlan;
    }

    /** AWS-like defaults with a random iterator secret (iterators then do not survive a restart). */
    public static EngineConfig defaults() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new EngineConfig(0, 0, 0, 500, 4, 50, 300_000, 300_000, secret, false, FaultPlan.NONE, null);
    }

    @Override
    public byte[] iteratorSecret() {
        return iteratorSecret.clone();
    }

    public EngineConfig withIteratorSecret(byte[] secret) {
        return new EngineConfig(createStreamDelayMs, deleteStreamDelayMs, updateStreamDelayMs, shardLimit,
                onDemandDefaultShardCount, onDemandStreamCountLimit, iteratorTtlMs, nextTokenTtlMs, secret,
                limitsEnforced, faultPlan, objectStore);
    }

    /** Uses the SHA-256 of {@code passphrase} as the secret, so any non-empty string the server persists works. */
    public EngineConfig withIteratorSecret(String passphrase) {
        try {
            return withIteratorSecret(MessageDigest.getInstance("SHA-256")
                    .digest(passphrase.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    public EngineConfig withStreamDelaysMs(long createMs, long deleteMs, long updateMs) {
        return new EngineConfig(createMs, deleteMs, updateMs, shardLimit, onDemandDefaultShardCount,
                onDemandStreamCountLimit, iteratorTtlMs, nextTokenTtlMs, iteratorSecret, limitsEnforced,
                faultPlan, objectStore);
    }

    public EngineConfig withLimits(int shards, int onDemandShards, int onDemandStreams) {
        return new EngineConfig(createStreamDelayMs, deleteStreamDelayMs, updateStreamDelayMs, shards,
                onDemandShards, onDemandStreams, iteratorTtlMs, nextTokenTtlMs, iteratorSecret, limitsEnforced,
                faultPlan, objectStore);
    }

    /** With per-shard throughput and control-plane TPS limits on or off. */
    public EngineConfig withLimitsEnforced(boolean enforced) {
        return new EngineConfig(createStreamDelayMs, deleteStreamDelayMs, updateStreamDelayMs, shardLimit,
                onDemandDefaultShardCount, onDemandStreamCountLimit, iteratorTtlMs, nextTokenTtlMs, iteratorSecret,
                enforced, faultPlan, objectStore);
    }

    public EngineConfig withFaultPlan(FaultPlan plan) {
        return new EngineConfig(createStreamDelayMs, deleteStreamDelayMs, updateStreamDelayMs, shardLimit,
                onDemandDefaultShardCount, onDemandStreamCountLimit, iteratorTtlMs, nextTokenTtlMs, iteratorSecret,
                limitsEnforced, plan, objectStore);
    }

    /** With channels delivering through {@code store} (the server passes the one Firehose uses too). */
    public EngineConfig withObjectStore(ObjectStore store) {
        return new EngineConfig(createStreamDelayMs, deleteStreamDelayMs, updateStreamDelayMs, shardLimit,
                onDemandDefaultShardCount, onDemandStreamCountLimit, iteratorTtlMs, nextTokenTtlMs, iteratorSecret,
                limitsEnforced, faultPlan, store);
    }

    /** With channels delivering into the embedded directory {@code root} ({@code <root>/<bucket>/<key>}). */
    public EngineConfig withObjectStoreRoot(Path root) {
        return withObjectStore(new LocalObjectStore(root));
    }
}
