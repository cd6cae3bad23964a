package io.millrace.server.firehose;

import io.millrace.firehose.source.MskBootstraps;
import io.millrace.firehose.source.MskSourceSettings;
import io.millrace.firehose.source.StreamSource;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Kafka clusters that play MSK clusters for {@code MSKAsSource} delivery streams: a cluster ARN mapped by
 * {@code --msk-bootstrap} is read at its bootstrap, any other ARN on the server's default cluster
 * ({@code --kafka-bootstrap}) when there is one. Every cluster gets the {@code --kafka-config} client settings. One
 * {@link KafkaTopicSource} per bootstrap, opened on first use so that an unused mapping starts no Kafka client.
 *
 * <p>Thread-safe: the opened sources are kept under the instance's lock; each source serialises its own calls.
 */
public final class KafkaClusters implements RoutedStreamSource, AutoCloseable {
    private final MskBootstraps bootstraps;
    private final Map<String, String> clientProperties;
    private final String defaultBootstrap;
    private final Function<Map<String, String>, StreamSource> opener;
    private final Map<String, StreamSource> opened = new HashMap<>();

    /**
     * @param clientProperties Kafka client settings shared by every cluster (without {@code bootstrap.servers})
     * @param defaultBootstrap the cluster of unmapped ARNs, or {@code null} when they are not readable
     * @param opener           opens a source over client settings that include {@code bootstrap.servers}
     */
    public KafkaClusters(MskBootstraps bootstraps, Map<String, String> clientProperties, String defaultBootstrap,
                         Function<Map<String, String>, StreamSource> opener) {
        this.bootstraps = bootstraps;
        this.clientProperties = Map.copyOf(clientProperties);
        this.defaultBootstrap = defaultBootstrap == null || defaultBootstrap.isBlank() ? null : defaultBootstrap;
        this.opener = opener;
    }

    /** The clusters of the server's configuration, read with {@link KafkaTopicSource}; {@code null} if none. */
    public static KafkaClusters of(MskBootstraps bootstraps, Map<String, String> clientProperties,
                                   String defaultBootstrap) {
        KafkaClusters clusters = new KafkaClusters(bootstraps, clientProperties, defaultBootstrap,
                KafkaTopicSource::new);
        return clusters.readsKafkaTopics() ? clusters : null;
    }

    @Override
    public boolean readsKafkaTopics() {
        return defaultBootstrap != null || !bootstraps.isEmpty();
    }

    @Override
    public boolean readsKafkaCluster(String clusterArn) {
        return bootstrapOf(clusterArn) != null;
    }

    /** The bootstrap the cluster is read at, or {@code null} when it is not mapped and there is no default. */
    String bootstrapOf(String clusterArn) {
        return bootstraps.bootstrapOf(clusterArn).orElse(defaultBootstrap);
    }

    @Override
    public String noSourceMessage(String sourceId) {
        return "no Kafka cluster is configured for " + sourceId + " (--msk-bootstrap or --kafka-bootstrap)";
    }

    @Override
    public StreamSource sourceOf(String sourceId) {
        if (!MskSourceSettings.isTopic(sourceId)) {
            return null;
        }
        String bootstrap = bootstrapOf(MskSourceSettings.clusterOf(sourceId));
        if (bootstrap == null) {
            return null;
        }
        synchronized (this) {
            return opened.computeIfAbsent(bootstrap, servers -> {
                Map<String, String> settings = new TreeMap<>(clientProperties);
                settings.put("bootstrap.servers", servers);
                return opener.apply(settings);
            });
        }
    }

    @Override
    public synchronized void close() {
        for (StreamSource source : opened.values()) {
            if (source instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Closing is best effort: the other clusters' clients must still be closed.
                }
            }
        }
        opened.clear();
    }
}
