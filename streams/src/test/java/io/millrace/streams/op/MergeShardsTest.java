package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamModeDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class MergeShardsTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    static MergeShardsRequest merge(String stream, String shard, String adjacent) {
        return new MergeShardsRequest(stream, shard, adjacent, null, null);
    }

    private List<Shard> shards() {
        DescribeStreamResponse response = kinesis.call("DescribeStream",
                new DescribeStreamRequest("s", null, null, null, null));
        return response.streamDescription().shards();
    }

    @Test
    void closesBothParentsAndOpensOneChildWithTheirLineage() {
        kinesis.call("CreateStream", create("s", 3));
        List<Shard> before = shards();

        kinesis.call("MergeShards", merge("s", "shardId-000000000001", "shardId-000000000002"));

        List<Shard> after = shards();
        assertThat(after).hasSize(4);
        assertThat(after.get(1).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(after.get(2).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        Shard child = after.get(3);
        assertThat(child.shardId()).isEqualTo("shardId-000000000003");
        assertThat(child.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(child.adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(child.hashKeyRange().startingHashKey()).isEqualTo(before.get(1).hashKeyRange().startingHashKey());
        assertThat(child.hashKeyRange().endingHashKey()).isEqualTo(before.get(2).hashKeyRange().endingHashKey());
        assertThat(child.sequenceNumberRange().endingSequenceNumber()).isNull();
    }

    @Test
    void refusesAnInvertedOrNonAdjacentPair() {
        kinesis.call("CreateStream", create("s", 3));
        assertThat(kinesis.message("MergeShards", merge("s", "shardId-000000000001", "shardId-000000000000"),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("Shards shardId-000000000001 and shardId-000000000000 in "
                + "stream s under account 123456789012 are not an adjacent pair of shards eligible for merging");
        assertThat(kinesis.message("MergeShards", merge("s", "shard-0", "x-2"), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Shards shardId-000000000000 and shardId-000000000002 in stream s under account "
                + "123456789012 are not an adjacent pair of shards eligible for merging");
    }

    @Test
    void refusesClosedAndUnknownShards() {
        kinesis.call("CreateStream", create("s", 3));
        kinesis.call("MergeShards", merge("s", "shardId-000000000000", "shardId-000000000001"));
        assertThat(kinesis.message("MergeShards", merge("s", "shardId-000000000001", "shardId-000000000002"),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("Shard shardId-000000000001 in stream s under account "
                + "123456789012 has already been merged or split, and thus is not eligible for merging or splitting.");
        assertThat(kinesis.message("MergeShards", merge("s", "shardId-000000000002", "shardId-000000000009"),
                KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Could not find shard shardId-000000000009 in stream s under account 123456789012.");
        kinesis.call("MergeShards", merge("s", "shardId-000000000003", "shardId-000000000002"));
        assertThat(shards()).extracting(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .containsExactly(false, false, false, false, true);
    }

    @Test
    void refusesOnDemandStreams() {
        kinesis.call("CreateStream", create("s", 2));
        kinesis.call("UpdateStreamMode", new UpdateStreamModeRequest(
                "arn:aws:kinesis:us-east-1:123456789012:stream/s", null, new StreamModeDetails(StreamMode.ON_DEMAND),
                null));
        assertThat(kinesis.message("MergeShards", merge("s", "shardId-000000000000", "shardId-000000000001"),
                KinesisError.INVALID_ARGUMENT)).contains("ON_DEMAND");
    }
}
