package io.millrace.server.it;

import io.millrace.server.Millrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.millrace.server.it.KafkaGateways.awaitActiveOn;
import static io.millrace.server.it.KafkaGateways.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account-wide limits across two gateways on one Kafka cluster (the shared in-process KRaft node), driven by the
 * real AWS SDK: consumers registered at the same moment through both gateways, on two streams (so no single
 * stream's entry serialises them), never leave more than 5 of the account in CREATING.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaAccountLimitsIT {
    private static final long WAIT_MS = 30_000;

    private final KafkaGateways gateways = new KafkaGateways("limits");

    @AfterEach
    void stop() {
        gateways.close();
    }

    @Test
    void consumersRegisteredAtOnceThroughTwoGatewaysLeaveExactlyFiveInCreating() throws Exception {
        Millrace gatewayA = gateways.start(Clock.systemUTC(), "--consumer-status-delay-ms", "120000");
        Millrace gatewayB = gateways.start(Clock.systemUTC(), "--consumer-status-delay-ms", "120000");
        KinesisClient a = Clients.sync(endpoint(gatewayA), true);
        KinesisClient b = Clients.sync(endpoint(gatewayB), false);
        a.createStream(r -> r.streamName("s").shardCount(1));
        a.createStream(r -> r.streamName("t").shardCount(1));
        awaitActiveOn(b, "t", WAIT_MS);
        String arnS = streamArn(a, "s");
        String arnT = streamArn(b, "t");

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(register(a, arnS, "a" + i, start));
            outcomes.add(register(b, arnT, "b" + i, start));
        }
        start.countDown();

        List<String> results = new ArrayList<>();
        for (CompletableFuture<String> outcome : outcomes) {
            results.add(outcome.get(WAIT_MS, TimeUnit.MILLISECONDS));
        }
        assertThat(results).filteredOn("ok"::equals).hasSize(5);
        assertThat(results).filteredOn(r -> !r.equals("ok")).containsExactly(
                "Account " + accountOf(arnS) + " already has 5 consumers in CREATING status; wait until they are "
                        + "ACTIVE.");
    }

    /** Registers on its own thread once {@code start} opens; "ok" or the LimitExceeded message. */
    private static CompletableFuture<String> register(KinesisClient client, String streamArn, String name,
            CountDownLatch start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
                client.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(name));
                return "ok";
            } catch (LimitExceededException e) {
                return e.awsErrorDetails().errorMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable, "register-" + name).start());
    }

    private static String streamArn(KinesisClient client, String name) {
        return client.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamARN();
    }

    private static String accountOf(String arn) {
        return arn.split(":")[4];
    }
}
