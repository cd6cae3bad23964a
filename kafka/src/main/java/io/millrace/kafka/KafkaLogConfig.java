package io.millrace.kafka;

import io.millrace.log.crypto.KeyRing;

import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Kafka cluster and name Millrace's topics.
 *
 * @param bootstrapServers  {@code host:port[,host:port...]} of the cluster
 * @param topicPrefix       every topic Millrace creates starts with this (stream logs {@code <prefix>log.<key>},
 *                          metadata {@code <prefix>metadata})
 * @param clientProperties  passed to every Kafka client (admin, producer, consumers), e.g. security settings; the
 *                          few settings correctness depends on (acks, idempotence, serializers) cannot be overridden
 * @param offsetsCacheMs    how long a partition's start and end offsets read from the broker are reused; records
 *                          written by another writer become visible to this gateway's readers within this time
 * @param readers           consumers kept for reads (each serves one read at a time)
 * @param requestTimeoutMs  how long one blocking call to the cluster may take before it counts as a storage fault
 * @param keyRing           the master keys streams encrypt their records at rest with; the same on every gateway
 *                          (an empty one: no stream can encrypt)
 */
public record KafkaLogConfig(String bootstrapServers, String topicPrefix, Map<String, String> clientProperties,
                             long offsetsCacheMs, int readers, long requestTimeoutMs, KeyRing keyRing) {

    public static final String DEFAULT_TOPIC_PREFIX = "millrace.";

    public KafkaLogConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        TopicNames.checkPrefix(topicPrefix);
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(keyRing, "keyRing");
        if (offsetsCacheMs < 0 || readers < 1 || requestTimeoutMs < 1) {
            throw new IllegalArgumentException("offsetsCacheMs: " + offsetsCacheMs + ", readers: " + readers
                    + ", requestTimeoutMs: " + requestTimeoutMs + " (expected: >= 0, >= 1, >= 1)");
        }
    }

    /** Defaults for a cluster at {@code bootstrapServers}. */
    public static KafkaLogConfig of(String bootstrapServers) {
        return new KafkaLogConfig(bootstrapServers, DEFAULT_TOPIC_PREFIX, Map.of(), 500, 4, 30_000, KeyRing.empty());
    }

    public KafkaLogConfig withTopicPrefix(String prefix) {
        return new KafkaLogConfig(bootstrapServers, prefix, clientProperties, offsetsCacheMs, readers,
                requestTimeoutMs, keyRing);
    }

    public KafkaLogConfig withClientProperties(Map<String, String> properties) {
        return new KafkaLogConfig(bootstrapServers, topicPrefix, properties, offsetsCacheMs, readers,
                requestTimeoutMs, keyRing);
    }

    public KafkaLogConfig withKeyRing(KeyRing keys) {
        return new KafkaLogConfig(bootstrapServers, topicPrefix, clientProperties, offsetsCacheMs, readers,
                requestTimeoutMs, keys);
    }

    public KafkaLogConfig withOffsetsCacheMs(long cacheMs) {
        return new KafkaLogConfig(bootstrapServers, topicPrefix, clientProperties, cacheMs, readers,
                requestTimeoutMs, keyRing);
    }
}
