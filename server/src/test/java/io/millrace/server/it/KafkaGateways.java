package io.millrace.server.it;

import io.millrace.kafka.SharedKafka;
import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateways of one multi-gateway test: each a {@link Millrace} on the shared in-process Kafka broker
 * ({@link SharedKafka}) under the test's own topic prefix, with a data directory of its own, all bound to 127.0.0.1.
 * {@link #close()} stops those still running and deletes every data directory. Also the waits such tests need,
 * since what one gateway changes reaches the others a moment later.
 *
 * <p>Thread safety: confined to the test's thread.
 */
final class KafkaGateways implements AutoCloseable {
    private final String topicPrefix;
    private final List<Millrace> running = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();

    KafkaGateways(String name) {
        this.topicPrefix = SharedKafka.uniquePrefix(name);
    }

    /** Starts one more gateway on the real clock. */
    Millrace start() throws IOException {
        return start(null);
    }

    /**
     * Starts one more gateway whose engine reads {@code engineClock} ({@code null}: the real clock), with
     * {@code moreFlags} after the fixture's own.
     */
    Millrace start(Clock engineClock, String... moreFlags) throws IOException {
        Path dataDir = Files.createTempDirectory("millrace-kafka-gateway");
        dataDirs.add(dataDir);
        List<String> flags = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir",
                dataDir.toString(), "--backend", "kafka", "--kafka-bootstrap", SharedKafka.bootstrapServers(),
                "--kafka-topic-prefix", topicPrefix));
        flags.addAll(List.of(moreFlags));
        var config = MillraceCommand.parse(flags.toArray(String[]::new));
        Millrace gateway = engineClock == null ? Millrace.start(config) : Millrace.start(config, engineClock);
        running.add(gateway);
        return gateway;
    }

    /** Stops {@code gateway} now (as a gateway that goes away); its data directory stays until {@link #close()}. */
    void stop(Millrace gateway) {
        gateway.close();
        running.remove(gateway);
    }

    /** The data directory of every gateway started, running or stopped. */
    List<Path> dataDirs() {
        return List.copyOf(dataDirs);
    }

    @Override
    public void close() {
        running.forEach(Millrace::close);
        running.clear();
        dataDirs.forEach(TestServer::deleteRecursively);
    }

    static URI endpoint(Millrace gateway) {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    /**
     * Waits until {@code client}'s gateway describes {@code name} as ACTIVE. Unlike the SDK's StreamExists waiter, it
     * also waits out ResourceNotFound: a stream created through another gateway reaches this one a moment later.
     */
    static void awaitActiveOn(KinesisClient client, String name, long waitMs) throws InterruptedException {
        eventually(() -> {
            try {
                return client.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary()
                        .streamStatus() == StreamStatus.ACTIVE;
            } catch (ResourceNotFoundException e) {
                return false;
            }
        }, waitMs);
    }

    /** Polls {@code condition} (a state another gateway or a background task changes) until it holds or time runs out. */
    static void eventually(BooleanSupplier condition, long waitMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition reached in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
