package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.ChannelRequests;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.Lockstep;
import io.millrace.streams.Requests;
import io.millrace.streams.SharedMemoryMetadata;
import io.millrace.streams.SharedMemoryStore;
import io.millrace.streams.consumer.FanOutConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits that count many entries of an account hold across two engines (gateways) sharing one metadata store
 * when they create at the same moment: {@link Lockstep} makes every compare-and-set of one wait for the other's, so
 * both compute on the same view, which is how a check against each gateway's own view overshoots.
 */
class AccountLimitsAcrossGatewaysTest {
    private static final String SHARD_LIMIT = "This request would exceed the shard limit for the account 123456789012 "
            + "in us-east-1. Current shard count for the account: %d. Limit: 10. Number of additional shards that "
            + "would have resulted from this request: %d. Refer to the AWS Service Limits page "
            + "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to "
            + "request higher limits.";

    private final SharedMemoryMetadata metadata = new SharedMemoryMetadata();
    private final SharedMemoryStore store = new SharedMemoryStore(new InMemoryLogStore(), metadata);
    private final Lockstep lockstep = new Lockstep(metadata);
    private EngineFixture a;
    private EngineFixture b;

    @TempDir
    Path objectStore;

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private void gateways(EngineConfig config, FanOutConfig fanOut) {
        a = new EngineFixture(store, config.withIteratorSecret(EngineFixture.SECRET), fanOut);
        b = new EngineFixture(store, config.withIteratorSecret(EngineFixture.SECRET), fanOut);
    }

    @Test
    void twoGatewaysRegisteringThreeConsumersEachLeaveExactlyFiveInCreating() throws Exception {
        gateways(EngineConfig.defaults(), FanOutConfig.defaults().withConsumerStatusDelayMs(10_000));
        // Two streams: each stream's own entry serialises registrations on it; the account limit spans both.
        a.call("CreateStream", create("s", 1));
        a.call("CreateStream", create("t", 1));

        List<String> outcomes = lockstep.run(List.of(
                out -> registerEach(a, "s", out, "a1", "a2", "a3"),
                out -> registerEach(b, "t", out, "b1", "b2", "b3")));

        assertThat(outcomes).filteredOn("ok"::equals).hasSize(5);
        assertThat(outcomes).filteredOn(o -> !o.equals("ok")).containsExactly(
                "Account 123456789012 already has 5 consumers in CREATING status; wait until they are ACTIVE.");
        assertThat(consumers(b, "s").size() + consumers(a, "t").size()).isEqualTo(5);
    }

    @Test
    void aConsumerDeregisteredWhileCreatingThroughOneGatewayFreesItsPlaceOnTheOther() {
        gateways(EngineConfig.defaults(), FanOutConfig.defaults().withConsumerStatusDelayMs(10_000));
        a.call("CreateStream", create("s", 1));
        for (String name : List.of("c1", "c2", "c3", "c4", "c5")) {
            a.call("RegisterStreamConsumer", register(name));
        }
        assertThat(b.message("RegisterStreamConsumer", register("c6"), KinesisError.LIMIT_EXCEEDED)).isEqualTo(
                "Account 123456789012 already has 5 consumers in CREATING status; wait until they are ACTIVE.");

        b.call("DeregisterStreamConsumer", new DeregisterStreamConsumerRequest(Requests.STREAM_ARN_PREFIX + "s",
                "c1", null, null));
        b.call("RegisterStreamConsumer", register("c6"));

        a.clock.advanceMs(10_000);
        b.clock.advanceMs(10_000);
        a.call("RegisterStreamConsumer", register("c7"));
        assertThat(consumers(a, "s")).hasSize(6); // c1's DELETING ended with the same delay
    }

    @Test
    void twoGatewaysCreatingThreeStreamsEachLeaveExactlyFiveInCreating() throws Exception {
        gateways(EngineConfig.defaults().withStreamDelaysMs(10_000, 0, 0), FanOutConfig.defaults());

        List<String> outcomes = lockstep.run(List.of(
                out -> createEach(a, out, "a1", "a2", "a3"),
                out -> createEach(b, out, "b1", "b2", "b3")));

        assertThat(outcomes).filteredOn("ok"::equals).hasSize(5);
        assertThat(outcomes).filteredOn(o -> !o.equals("ok"))
                .containsExactly("Account 123456789012 already has 5 streams in CREATING state.");
        assertThat(metadata.liveEntries("kinesis/reservations/")).as("every reservation released").isZero();
    }

    @Test
    void twoGatewaysCreatingStreamsAtOnceStayWithinTheAccountsShardLimit() throws Exception {
        gateways(EngineConfig.defaults().withLimits(10, 4, 50), FanOutConfig.defaults());
        a.call("CreateStream", create("base", 5));

        List<String> outcomes = lockstep.run(List.of(
                out -> out.record(() -> a.call("CreateStream", create("x", 3))),
                out -> out.record(() -> b.call("CreateStream", create("y", 3)))));

        assertThat(outcomes).containsExactlyInAnyOrder("ok", SHARD_LIMIT.formatted(8, 3));
        assertThat(metadata.liveEntries("kinesis/reservations/")).isZero();
    }

    @Test
    void twoGatewaysSplittingDifferentStreamsAtOnceStayWithinTheAccountsShardLimit() throws Exception {
        gateways(EngineConfig.defaults().withLimits(10, 4, 50), FanOutConfig.defaults());
        a.call("CreateStream", create("p", 5));
        a.call("CreateStream", create("q", 4));

        List<String> outcomes = lockstep.run(List.of(
                out -> out.record(() -> a.call("SplitShard", split("p"))),
                out -> out.record(() -> b.call("SplitShard", split("q")))));

        assertThat(outcomes).containsExactlyInAnyOrder("ok", SHARD_LIMIT.formatted(10, 1));
        long open = a.engine().streams().list(EngineFixture.ACCOUNT, EngineFixture.REGION).stream()
                .mapToLong(s -> s.metadata().openShardCount()).sum();
        assertThat(open).isEqualTo(10);
    }

    @Test
    void twoGatewaysCreatingOnDemandStreamsAtOnceStayWithinTheOnDemandStreamLimit() throws Exception {
        gateways(EngineConfig.defaults().withLimits(500, 4, 1), FanOutConfig.defaults());

        List<String> outcomes = lockstep.run(List.of(
                out -> out.record(() -> a.call("CreateStream", createOnDemand("x"))),
                out -> out.record(() -> b.call("CreateStream", createOnDemand("y")))));

        assertThat(outcomes).containsExactlyInAnyOrder("ok", "This request would exceed the on-demand stream count "
                + "limit of 1 for the account 123456789012 in us-east-1.");
    }

    @Test
    void twoGatewaysCreatingChannelsAtOnceStayWithinTheAccountsChannelLimit() throws Exception {
        gateways(EngineConfig.defaults().withObjectStoreRoot(objectStore), FanOutConfig.defaults());
        a.call("CreateStream", createOnDemand("s"));
        for (int i = 0; i < 49; i++) {
            a.call("CreateChannel", ChannelRequests.channel("c" + i, "s"));
        }

        List<String> outcomes = lockstep.run(List.of(
                out -> List.of("a1", "a2").forEach(n -> out.record(
                        () -> a.call("CreateChannel", ChannelRequests.channel(n, "s")))),
                out -> List.of("b1", "b2").forEach(n -> out.record(
                        () -> b.call("CreateChannel", ChannelRequests.channel(n, "s"))))));

        String full = "Account 123456789012 already has 50 channels in us-east-1, the limit.";
        assertThat(outcomes).containsExactlyInAnyOrder("ok", full, full, full);
        assertThat(metadata.liveEntries("kinesis/reservations/")).isZero();
    }

    private static void registerEach(EngineFixture gateway, String stream, Lockstep.Outcomes out, String... names) {
        for (String name : names) {
            out.record(() -> gateway.call("RegisterStreamConsumer",
                    new RegisterStreamConsumerRequest(Requests.STREAM_ARN_PREFIX + stream, name, null, null)));
        }
    }

    private static void createEach(EngineFixture gateway, Lockstep.Outcomes out, String... names) {
        for (String name : names) {
            out.record(() -> gateway.call("CreateStream", create(name, 1)));
        }
    }

    private static RegisterStreamConsumerRequest register(String name) {
        return new RegisterStreamConsumerRequest(Requests.STREAM_ARN_PREFIX + "s", name, null, null);
    }

    private static SplitShardRequest split(String stream) {
        return new SplitShardRequest(stream, "shardId-000000000000", "1000", null, null);
    }

    private static List<Object> consumers(EngineFixture gateway, String stream) {
        ListStreamConsumersResponse response = gateway.call("ListStreamConsumers",
                new ListStreamConsumersRequest(Requests.STREAM_ARN_PREFIX + stream, null, null, null, null));
        return new ArrayList<>(response.consumers());
    }
}
