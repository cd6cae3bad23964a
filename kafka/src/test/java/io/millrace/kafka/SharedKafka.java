package io.millrace.kafka;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one embedded Kafka node of a test JVM, started on first use (a few seconds) and stopped when the JVM exits,
 * so that every test class of a module reuses it. Tests isolate themselves with {@link #uniquePrefix}, not with a
 * node of their own. JUnit Jupiter and jqwik tests share it alike, which per-class lifecycle callbacks could not.
 *
 * <p>Thread-safe.
 */
public final class SharedKafka {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static EmbeddedKafka node;

    private SharedKafka() {
    }

    /** The node's {@code host:port}, starting it if this is the first use. */
    public static synchronized String bootstrapServers() {
        if (node == null) {
            EmbeddedKafka started = EmbeddedKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-stop"));
            node = started;
        }
        return node.bootstrapServers();
    }

    /** A topic prefix no other store of this JVM uses, so each test sees only its own topics. */
    public static String uniquePrefix(String name) {
        return "t" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet() + "-" + name + ".";
    }

    /** A store configuration on the shared node with a prefix of its own. */
    public static KafkaLogConfig config(String name) {
        return KafkaLogConfig.of(bootstrapServers()).withTopicPrefix(uniquePrefix(name));
    }
}
