package io.millrace.server.firehose;

import io.millrace.firehose.source.MskSourceSettings;
import io.millrace.firehose.source.ShardRead;
import io.millrace.firehose.source.SourceStream;
import io.millrace.firehose.source.StreamSource;

import java.util.Optional;

/**
 * Firehose's sources: Kinesis streams of this server, and Kafka topics when a cluster is configured, told apart by
 * how they are named ({@link MskSourceSettings#isTopic}). Closing closes the Kafka clients. Thread-safe as its parts.
 */
public final class SourcesByArn implements StreamSource, AutoCloseable {
    private final StreamSource kinesis;
    private final KafkaClusters kafka;

    /** @param kafka the Kafka clusters, or {@code null} when no Kafka cluster is configured */
    public SourcesByArn(StreamSource kinesis, KafkaClusters kafka) {
        this.kinesis = kinesis;
        this.kafka = kafka;
    }

    @Override
    public boolean readsKafkaTopics() {
        return kafka != null && kafka.readsKafkaTopics();
    }

    @Override
    public boolean readsKafkaCluster(String clusterArn) {
        return kafka != null && kafka.readsKafkaCluster(clusterArn);
    }

    @Override
    public boolean exists(String sourceId) {
        StreamSource source = sourceOf(sourceId);
        return source != null && source.exists(sourceId);
    }

    @Override
    public Optional<SourceStream> describe(String sourceId) {
        StreamSource source = sourceOf(sourceId);
        return source == null ? Optional.empty() : source.describe(sourceId);
    }

    @Override
    public ShardRead read(String sourceId, String shardId, String afterSequenceNumber, long startMs, int maxRecords,
                          long maxBytes) {
        StreamSource source = sourceOf(sourceId);
        if (source == null) {
            throw new IllegalStateException("no Kafka cluster is configured to read " + sourceId);
        }
        return source.read(sourceId, shardId, afterSequenceNumber, startMs, maxRecords, maxBytes);
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private StreamSource sourceOf(String sourceId) {
        return MskSourceSettings.isTopic(sourceId) ? kafka : kinesis;
    }
}
