package io.millrace.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Kafka cluster of several nodes in this JVM, each a combined broker and KRaft controller (so the controller quorum
 * has as many voters as there are nodes and survives the loss of a minority), every listener on 127.0.0.1. For tests
 * of replication: topics can have a replication factor up to the node count, and {@link #stop(int)} takes one node
 * down as a crash would take a broker away (after a clean shutdown, so the others notice at once). Topics get a
 * replication factor of 1 unless their creator asks for more, so a test can tell that it did.
 *
 * <p>Thread safety: all methods may be called from any thread; a node is stopped once.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    private final List<KafkaRaftServer> nodes;
    /** 1 for each node stopped. */
    private final AtomicIntegerArray stopped;
    private final Path dataDir;
    private final String bootstrapServers;

    private EmbeddedKafkaCluster(List<KafkaRaftServer> nodes, Path dataDir, String bootstrapServers) {
        this.nodes = nodes;
        this.stopped = new AtomicIntegerArray(nodes.size());
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats and starts {@code size} nodes; returns once every broker accepts connections. */
    public static EmbeddedKafkaCluster start(int size) {
        try {
            Path dataDir = Files.createTempDirectory("millrace-kafka-cluster");
            int[] ports = EmbeddedKafka.freePorts(2 * size);
            int[] brokerPorts = java.util.Arrays.copyOfRange(ports, 0, size);
            int[] controllerPorts = java.util.Arrays.copyOfRange(ports, size, 2 * size);
            String voters = IntStream.range(0, size).mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i])
                    .collect(Collectors.joining(","));
            String clusterId = Uuid.randomUuid().toString();
            List<KafkaRaftServer> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Path nodeDir = Files.createDirectory(dataDir.resolve("node-" + (i + 1)));
                Properties properties = nodeProperties(i + 1, size, nodeDir, brokerPorts[i], controllerPorts[i],
                        voters);
                format(clusterId, i + 1, nodeDir);
                nodes.add(new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM));
            }
            // A node's start-up waits for a controller quorum, which needs a majority of the nodes running.
            CompletableFuture.allOf(nodes.stream()
                    .map(node -> CompletableFuture.runAsync(node::startup, runnable -> new Thread(runnable).start()))
                    .toArray(CompletableFuture[]::new)).join();
            String bootstrap = IntStream.of(brokerPorts).mapToObj(port -> "127.0.0.1:" + port)
                    .collect(Collectors.joining(","));
            return new EmbeddedKafkaCluster(nodes, dataDir, bootstrap);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka cluster", e);
        }
    }

    /** Every node's {@code host:port}, for a client's bootstrap list. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops node {@code index} (0-based); the others keep serving. */
    public void stop(int index) {
        if (stopped.getAndSet(index, 1) == 0) {
            nodes.get(index).shutdown();
            nodes.get(index).awaitShutdown();
        }
    }

    @Override
    public void close() {
        // All at once: a node stopped last would wait for a controller quorum that is gone.
        CompletableFuture.allOf(IntStream.range(0, nodes.size())
                .mapToObj(i -> CompletableFuture.runAsync(() -> stop(i), runnable -> new Thread(runnable).start()))
                .toArray(CompletableFuture[]::new)).join();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(String clusterId, int nodeId, Path nodeDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(clusterId)
                .setNodeId(nodeId)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(nodeDir.toString())
                .setDirectories(List.of(nodeDir.toString()))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .run();
    }

    private static Properties nodeProperties(int nodeId, int size, Path nodeDir, int brokerPort, int controllerPort,
                                             String voters) {
        String internalReplicas = String.valueOf(size);
        String internalMinIsr = String.valueOf(Math.min(2, size));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", voters);
        p.put("log.dirs", nodeDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", internalReplicas);
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", internalReplicas);
        p.put("transaction.state.log.min.isr", internalMinIsr);
        p.put("share.coordinator.state.topic.replication.factor", internalReplicas);
        p.put("share.coordinator.state.topic.min.isr", internalMinIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("controlled.shutdown.enable", "false");
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        // Several small nodes on two shared cores.
        p.put("num.network.threads", "1");
        p.put("num.io.threads", "1");
        p.put("num.replica.fetchers", "1");
        p.put("background.threads", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("log.cleaner.io.buffer.size", String.valueOf(256 * 1024));
        return p;
    }
}
