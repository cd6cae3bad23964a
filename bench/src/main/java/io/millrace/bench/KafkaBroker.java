package io.millrace.bench;

import io.millrace.kafka.EmbeddedKafka;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * A single-node Kafka cluster (KRaft, every listener on 127.0.0.1) in this JVM until the process is stopped, so that
 * a benchmark can point Kafka's producer and a Millrace gateway at the same broker, each in a JVM of its own. Prints
 * {@code kafka: bootstrap HOST:PORT} once the broker accepts connections; its storage is deleted on SIGTERM.
 */
@Command(name = "kafka-broker", mixinStandardHelpOptions = true,
        description = "Runs a single-node in-process Kafka (KRaft) on 127.0.0.1 until stopped")
final class KafkaBroker implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "kafka-broker-stop"));
        System.out.println("kafka: bootstrap " + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
