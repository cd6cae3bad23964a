package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.StreamDescription;
import io.millrace.streams.model.StreamStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

class SplitShardTest {
    static final String MAX = "340282366920938463463374607431768211455";
    static final String HALF = "170141183460469231731687303715884105728";
    private EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    static SplitShardRequest split(String stream, String shard, String newStart) {
        return new SplitShardRequest(stream, shard, newStart, null, null);
    }

    private StreamDescription describe() {
        DescribeStreamResponse response = kinesis.call("DescribeStream",
                new DescribeStreamRequest("s", null, null, null, null));
        return response.streamDescription();
    }

    @Test
    void closesTheParentAndOpensTwoChildrenWithTheNextFreeIndexes() {
        kinesis.call("CreateStream", create("s", 2));
        String secondStart = describe().shards().get(1).hashKeyRange().startingHashKey();
        String newStart = new BigInteger(secondStart).add(BigInteger.TEN).toString();

        kinesis.call("SplitShard", split("s", "shardId-000000000001", newStart));

        List<Shard> shards = describe().shards();
        assertThat(shards).extracting(Shard::shardId).containsExactly("shardId-000000000000",
                "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
        assertThat(shards.get(1).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(shards.get(2).parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(shards.get(2).adjacentParentShardId()).isNull();
        assertThat(shards.get(2).hashKeyRange().startingHashKey()).isEqualTo(secondStart);
        assertThat(shards.get(2).hashKeyRange().endingHashKey())
                .isEqualTo(new BigInteger(newStart).subtract(BigInteger.ONE).toString());
        assertThat(shards.get(3).parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(shards.get(3).hashKeyRange().startingHashKey()).isEqualTo(newStart);
        assertThat(shards.get(3).hashKeyRange().endingHashKey()).isEqualTo(MAX);
        assertThat(shards.get(2).sequenceNumberRange().endingSequenceNumber()).isNull();
    }

    @Test
    void refusesAHashKeyNotStrictlyInsideTheShardPlusOne() {
        kinesis.call("CreateStream", create("s", 1));
        assertThat(kinesis.message("SplitShard", split("s", "shardId-000000000000", "1"),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("NewStartingHashKey 1 used in SplitShard() on shard "
                + "shardId-000000000000 in stream s under account 123456789012 is not both greater than one plus the "
                + "shard's StartingHashKey 0 and less than the shard's EndingHashKey " + MAX + ".");
        kinesis.fails("SplitShard", split("s", "shardId-000000000000", MAX), KinesisError.INVALID_ARGUMENT);
        kinesis.call("SplitShard", split("s", "shardId-000000000000", "2"));
    }

    @Test
    void refusesUnknownAndClosedShards() {
        kinesis.call("CreateStream", create("s", 1));
        assertThat(kinesis.message("SplitShard", split("s", "shardId-000000000005", HALF),
                KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Could not find shard shardId-000000000005 in stream s under account 123456789012.");
        assertThat(kinesis.message("SplitShard", split("s", "bogus", HALF), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Could not find shard bogus in stream s under account 123456789012.");
        kinesis.call("SplitShard", split("s", "shardId-000000000000", HALF));
        assertThat(kinesis.message("SplitShard", split("s", "shardId-000000000000", HALF),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("Shard shardId-000000000000 in stream s under account "
                + "123456789012 has already been merged or split, and thus is not eligible for merging or splitting.");
    }

    @Test
    void leavesTheStreamUpdatingForTheConfiguredDelayAndRefusesChangesMeanwhile() {
        kinesis.close();
        kinesis = new EngineFixture(new InMemoryLogStore(), EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET).withStreamDelaysMs(0, 0, 5_000));
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("SplitShard", split("s", "shardId-000000000000", HALF));
        assertThat(describe().streamStatus()).isEqualTo(StreamStatus.UPDATING);
        assertThat(kinesis.message("SplitShard", split("s", "shardId-000000000001", "5"),
                KinesisError.RESOURCE_IN_USE))
                .isEqualTo("Stream s under account 123456789012 not ACTIVE, instead in state UPDATING");
        kinesis.clock.advanceMs(5_000);
        assertThat(describe().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        kinesis.call("SplitShard", split("s", "shardId-000000000001", "5"));
    }

    @Test
    void refusesOnDemandStreamsAndTheAccountShardLimit() {
        kinesis.call("CreateStream", createOnDemand("od"));
        kinesis.fails("SplitShard", split("od", "shardId-000000000000", "5"), KinesisError.INVALID_ARGUMENT);
        kinesis.call("CreateStream", create("s", 500 - 4));
        assertThat(kinesis.message("SplitShard", split("s", "shardId-000000000000", "5"),
                KinesisError.LIMIT_EXCEEDED)).startsWith("This request would exceed the shard limit for the account "
                + "123456789012 in us-east-1. Current shard count for the account: 500. Limit: 500. Number of "
                + "additional shards that would have resulted from this request: 1.");
    }

    @Test
    void aMissingStreamIsNotFound() {
        assertThat(kinesis.message("SplitShard", split("nope", "shardId-000000000000", HALF),
                KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("Stream nope under account 123456789012 not found.");
    }
}
