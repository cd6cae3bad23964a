package io.millrace.server.firehose;

import io.millrace.firehose.source.MskSourceSettings;
import io.millrace.firehose.source.StreamSource;


/**
 * Firehose's sources: Kinesis streams of this server, and Kafka topics when a cluster is configured, told apart by
 * how they are named ({@link MskSourceSettings#isTopic}). Closing closes the Kafka clients. Thread-safe as its parts.
 */
public final class SourcesByArn implements RoutedStreamSource, AutoCloseable {
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
    public void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    public StreamSource sourceOf(String sourceId) {
        return MskSourceSettings.isTopic(sourceId) ? kafka : kinesis;
    }

    @Override
    public String noSourceMessage(String sourceId) {
        return "no Kafka cluster is configured to read " + sourceId;
    }
}
