package io.millrace.server.config;

import io.millrace.kafka.KafkaLogConfig;
import io.millrace.kafka.KafkaLogStore;
import io.millrace.log.LogStore;
import io.millrace.log.crypto.KeyRing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Opens the Kafka store from the server configuration, reading the client properties file. Stateless. */
public final class KafkaBackend {

    private KafkaBackend() {
    }

    /** Opens the store; {@code keyRing} holds the keys streams may encrypt at rest with. */
    public static LogStore open(BackendConfig config, KeyRing keyRing) {
        KafkaLogConfig kafka;
        try {
            kafka = KafkaLogConfig.of(config.kafkaBootstrap())
                    .withTopicPrefix(config.kafkaTopicPrefix())
                    .withClientProperties(clientProperties(config.kafkaConfigFile()))
                    .withKeyRing(keyRing);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid Kafka settings: " + e.getMessage());
        }
        return KafkaLogStore.open(kafka, config.kafkaReplication());
    }

    /**
     * Settings for a Kafka client of the configured cluster ({@code bootstrap.servers} and the kafka-config file), or
     * {@code null} when no cluster is configured. Firehose's MSKAsSource streams read their topics with these.
     */
    public static Map<String, String> clientSettings(BackendConfig config) {
        if (config.kafkaBootstrap() == null || config.kafkaBootstrap().isBlank()) {
            return null;
        }
        Map<String, String> settings = new TreeMap<>(clientProperties(config.kafkaConfigFile()));
        settings.put("bootstrap.servers", config.kafkaBootstrap());
        return settings;
    }

    /** The {@code --kafka-config} client settings, without {@code bootstrap.servers}; empty without the file. */
    public static Map<String, String> clientProperties(BackendConfig config) {
        return clientProperties(config.kafkaConfigFile());
    }

    /** The properties of {@code file}, or none when it is {@code null}. */
    static Map<String, String> clientProperties(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read kafka-config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
