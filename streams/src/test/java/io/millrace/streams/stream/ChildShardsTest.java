package io.millrace.streams.stream;

import io.millrace.streams.model.ChildShard;
import io.millrace.streams.model.HashKeyRange;
import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Children are found through their parent links, as resharding records them. */
class ChildShardsTest {
    private static final String MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE).toString();
    private static final String HALF = BigInteger.TWO.pow(127).toString();
    private static final String BELOW_HALF = BigInteger.TWO.pow(127).subtract(BigInteger.ONE).toString();

    @Test
    void theChildrenOfASplitShardAreTheTwoHalvesWithItAsTheirParent() {
        ShardMetadata parent = new ShardMetadata(0, "0", MAX, "1", 1_000, 5_000L, "2");
        ShardMetadata low = new ShardMetadata(1, "0", BELOW_HALF, "3", 5_000, null, null,
                "shardId-000000000000", null);
        ShardMetadata high = new ShardMetadata(2, HALF, MAX, "4", 5_000, null, null,
                "shardId-000000000000", null);
        StreamMetadata stream = stream(List.of(parent, low, high));

        assertThat(ChildShards.of(stream, parent)).containsExactly(
                new ChildShard("shardId-000000000001", List.of("shardId-000000000000"),
                        new HashKeyRange("0", BELOW_HALF)),
                new ChildShard("shardId-000000000002", List.of("shardId-000000000000"), new HashKeyRange(HALF, MAX)));
    }

    @Test
    void theChildOfAMergeNamesBothParents() {
        ShardMetadata low = new ShardMetadata(0, "0", BELOW_HALF, "1", 1_000, 5_000L, "2");
        ShardMetadata high = new ShardMetadata(1, HALF, MAX, "3", 1_000, 5_000L, "4");
        ShardMetadata merged = new ShardMetadata(2, "0", MAX, "5", 5_000, null, null,
                "shardId-000000000000", "shardId-000000000001");
        StreamMetadata stream = stream(List.of(low, high, merged));

        assertThat(ChildShards.of(stream, high)).containsExactly(new ChildShard("shardId-000000000002",
                List.of("shardId-000000000000", "shardId-000000000001"), new HashKeyRange("0", MAX)));
    }

    @Test
    void anOpenShardOrOneWithoutChildrenHasNone() {
        ShardMetadata lonely = new ShardMetadata(0, "0", MAX, "1", 1_000, null, null);
        assertThat(ChildShards.of(stream(List.of(lonely)), lonely)).isEmpty();
    }

    private static StreamMetadata stream(List<ShardMetadata> shards) {
        return new StreamMetadata("key", "123456789012", "us-east-1", "s",
                "arn:aws:kinesis:us-east-1:123456789012:stream/s", 1_000, StreamStatus.ACTIVE, 0,
                StreamMode.PROVISIONED, RecordDistributionStrategy.AUTO, 24, 0, 1024, shards,
                new java.util.TreeMap<>());
    }
}
