package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.ScalingType;
import io.millrace.streams.model.Shard;
import io.millrace.streams.shard.HashKeyRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateShardCountTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    static UpdateShardCountRequest scale(String stream, int target) {
        return new UpdateShardCountRequest(stream, target, ScalingType.UNIFORM_SCALING, null, null);
    }

    private List<Shard> shards() {
        ListShardsResponse response = kinesis.call("ListShards",
                new ListShardsRequest("s", null, null, null, null, null, null, null));
        return response.shards();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1, 2", "2, 4", "2, 1", "4, 2", "3, 5", "5, 3", "4, 7", "7, 4", "3, 3"})
    void reachesAnEvenLayoutOfTheTargetWithLineageReadersCanFollow(int from, int to) {
        kinesis.call("CreateStream", create("s", from));

        UpdateShardCountResponse response = kinesis.call("UpdateShardCount", scale("s", to));

        assertThat(response.currentShardCount()).isEqualTo(from);
        assertThat(response.targetShardCount()).isEqualTo(to);
        assertThat(response.streamName()).isEqualTo("s");
        assertThat(response.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/s");
        List<Shard> all = shards();
        List<HashKeyRange> expected = HashKeyRange.evenSplit(to);
        assertThat(all.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .map(s -> s.hashKeyRange().startingHashKey() + "-" + s.hashKeyRange().endingHashKey()))
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(r -> r.start() + "-" + r.end()).toList());
        assertEveryShardDescendsFromTheShardsItOverlaps(all);
    }

    /** Lineage is sound when each shard's parents exactly cover its range, so no older records are skipped. */
    private static void assertEveryShardDescendsFromTheShardsItOverlaps(List<Shard> all) {
        Map<String, Shard> byId = all.stream().collect(Collectors.toMap(Shard::shardId, Function.identity()));
        for (Shard shard : all) {
            if (shard.parentShardId() == null) {
                continue;
            }
            Set<String> parents = new HashSet<>();
            parents.add(shard.parentShardId());
            if (shard.adjacentParentShardId() != null) {
                parents.add(shard.adjacentParentShardId());
            }
            String lowest = parents.stream().map(byId::get).map(p -> p.hashKeyRange().startingHashKey())
                    .min((a, b) -> new BigInteger(a).compareTo(new BigInteger(b))).orElseThrow();
            String highest = parents.stream().map(byId::get).map(p -> p.hashKeyRange().endingHashKey())
                    .max((a, b) -> new BigInteger(a).compareTo(new BigInteger(b))).orElseThrow();
            assertThat(new BigInteger(lowest))
                    .isLessThanOrEqualTo(new BigInteger(shard.hashKeyRange().startingHashKey()));
            assertThat(new BigInteger(highest))
                    .isGreaterThanOrEqualTo(new BigInteger(shard.hashKeyRange().endingHashKey()));
            parents.forEach(p -> assertThat(byId.get(p).sequenceNumberRange().endingSequenceNumber()).isNotNull());
        }
    }

    @Test
    void refusesMoreThanDoubleOrLessThanHalfOfTheOpenShards() {
        kinesis.call("CreateStream", create("s", 3));
        assertThat(kinesis.message("UpdateShardCount", scale("s", 7), KinesisError.LIMIT_EXCEEDED))
                .isEqualTo("UpdateShardCount cannot scale up over double your current open shard count. "
                        + "Current open shard count: 3, Target shard count: 7");
        assertThat(kinesis.message("UpdateShardCount", scale("s", 1), KinesisError.LIMIT_EXCEEDED))
                .isEqualTo("UpdateShardCount cannot scale down below half your current open shard count. "
                        + "Current open shard count: 3, Target shard count: 1");
        kinesis.call("UpdateShardCount", scale("s", 2));
    }

    @Test
    void refusesMoreThan10000ShardsPerStreamAndTheAccountLimit() {
        kinesis.call("CreateStream", create("s", 300));
        assertThat(kinesis.message("UpdateShardCount", scale("s", 10_001), KinesisError.LIMIT_EXCEEDED))
                .isEqualTo("Target shard count or number of open shards cannot be greater than 10000. "
                        + "Current open shard count: 300, Target shard count: 10001");
        assertThat(kinesis.message("UpdateShardCount", scale("s", 600), KinesisError.LIMIT_EXCEEDED))
                .startsWith("This request would exceed the shard limit for the account 123456789012 in us-east-1. "
                        + "Current shard count for the account: 300. Limit: 500. Number of additional shards that "
                        + "would have resulted from this request: 300.");
    }

    @Test
    void allowsTenScalingsPerRolling24Hours() {
        kinesis.call("CreateStream", create("s", 1));
        for (int i = 0; i < 10; i++) {
            kinesis.call("UpdateShardCount", scale("s", i % 2 == 0 ? 2 : 1));
            kinesis.clock.advanceMs(60_000);
        }
        assertThat(kinesis.message("UpdateShardCount", scale("s", 2), KinesisError.LIMIT_EXCEEDED))
                .isEqualTo("Stream s under account 123456789012 has exceeded the limit of 10 UpdateShardCount calls "
                        + "in a rolling 24-hour period.");
        kinesis.clock.advanceMs(86_400_000L - 10 * 60_000 + 1);
        kinesis.call("UpdateShardCount", scale("s", 2));
    }

    @Test
    void theScalingHistorySurvivesARestart() {
        kinesis.call("CreateStream", create("s", 1));
        for (int i = 0; i < 10; i++) {
            kinesis.call("UpdateShardCount", scale("s", i % 2 == 0 ? 2 : 1));
        }
        kinesis.restart();
        kinesis.fails("UpdateShardCount", scale("s", 2), KinesisError.LIMIT_EXCEEDED);
        assertThat(shards().stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null))
                .hasSize(1);
    }

    @Test
    void refusesOnDemandStreams() {
        kinesis.call("CreateStream", createOnDemand("s"));
        kinesis.fails("UpdateShardCount", scale("s", 5), KinesisError.INVALID_ARGUMENT);
    }
}
