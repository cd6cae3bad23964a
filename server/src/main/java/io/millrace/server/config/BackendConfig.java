package io.millrace.server.config;

import io.millrace.kafka.TopicReplication;

import java.nio.file.Path;

/**
 * The storage backend and, for Kafka, how to reach the cluster. Immutable.
 *
 * @param kafkaBootstrap   {@code host:port[,host:port...]}; required with {@link Backend#KAFKA}
 * @param kafkaConfigFile  a Java properties file of Kafka client settings (security, timeouts), or {@code null}
 * @param kafkaTopicPrefix the start of every topic name Millrace creates
 * @param kafkaReplication replication factor and min.insync.replicas of the topics Millrace creates
 */
public record BackendConfig(Backend backend, String kafkaBootstrap, Path kafkaConfigFile, String kafkaTopicPrefix,
                            TopicReplication kafkaReplication) {

    public BackendConfig {
        if (backend == Backend.KAFKA && (kafkaBootstrap == null || kafkaBootstrap.isBlank())) {
            throw new ConfigException("backend=kafka needs the cluster's address (--kafka-bootstrap HOST:PORT)");
        }
    }

    /** The embedded store, Kafka settings unused. */
    public static BackendConfig local() {
        return new BackendConfig(Backend.LOCAL, null, null, ConfigKey.KAFKA_TOPIC_PREFIX.defaultValue(),
                TopicReplication.CLUSTER_DEFAULTS);
    }

    /** A Kafka cluster at {@code bootstrap} with default settings. */
    public static BackendConfig kafka(String bootstrap) {
        return new BackendConfig(Backend.KAFKA, bootstrap, null, ConfigKey.KAFKA_TOPIC_PREFIX.defaultValue(),
                TopicReplication.CLUSTER_DEFAULTS);
    }
}
