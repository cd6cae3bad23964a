package io.millrace.streams.op;

import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.ChildShard;
import io.millrace.streams.model.HashKeyRange;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.ShardFilter;
import io.millrace.streams.model.ShardFilterType;
import io.millrace.streams.model.ShardIteratorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.iterator;
import static io.millrace.streams.Requests.iteratorAt;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.records;
import static org.assertj.core.api.Assertions.assertThat;

/** GetRecords, ListShards and DescribeStream across splits and merges. */
class ReshardingLineageTest {
    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    private GetRecordsResponse read(String iterator, int limit) {
        return kinesis.call("GetRecords", records(iterator, limit));
    }

    private String trimHorizon(String shardId) {
        GetShardIteratorResponse response = kinesis.call("GetShardIterator",
                iterator("s", shardId, ShardIteratorType.TRIM_HORIZON));
        return response.shardIterator();
    }

    private void splitInHalf(String shardId) {
        kinesis.call("SplitShard", new SplitShardRequest("s", shardId, SplitShardTest.HALF, null, null));
    }

    private List<String> listShards(ShardFilter filter) {
        ListShardsResponse response = kinesis.call("ListShards",
                new ListShardsRequest("s", null, null, null, null, filter, null, null));
        return response.shards().stream().map(Shard::shardId).toList();
    }

    @Test
    void theReadThatReachesTheEndOfAClosedShardCarriesItsChildShardsAndNoIterator() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("PutRecord", put("s", "a", "1"));
        kinesis.call("PutRecord", put("s", "a", "2"));
        splitInHalf(S0);
        PutRecordResponse afterSplit = kinesis.call("PutRecord", put("s", "a", "3"));
        assertThat(afterSplit.shardId()).isIn(S1, S2);

        GetRecordsResponse first = read(trimHorizon(S0), 1);
        assertThat(first.records()).extracting(r -> new String(r.data())).containsExactly("1");
        assertThat(first.nextShardIterator()).isNotNull();
        assertThat(first.childShards()).isNull();

        GetRecordsResponse last = read(first.nextShardIterator(), 10);
        assertThat(last.records()).extracting(r -> new String(r.data())).containsExactly("2");
        assertThat(last.nextShardIterator()).isNull();
        String max = "340282366920938463463374607431768211455";
        BigInteger half = new BigInteger(SplitShardTest.HALF);
        assertThat(last.childShards()).containsExactly(
                new ChildShard(S1, List.of(S0), new HashKeyRange("0", half.subtract(BigInteger.ONE).toString())),
                new ChildShard(S2, List.of(S0), new HashKeyRange(SplitShardTest.HALF, max)));
    }

    @Test
    void anIteratorAlreadyAtTheEndOfAClosedShardReadsNoRecordsAndTheChildren() {
        kinesis.call("CreateStream", create("s", 2));
        kinesis.call("MergeShards", new MergeShardsRequest("s", S0, S1, null, null));
        GetShardIteratorResponse latest = kinesis.call("GetShardIterator",
                iterator("s", S1, ShardIteratorType.LATEST));

        GetRecordsResponse end = read(latest.shardIterator(), 10);

        assertThat(end.records()).isEmpty();
        assertThat(end.nextShardIterator()).isNull();
        assertThat(end.millisBehindLatest()).isZero();
        assertThat(end.childShards()).singleElement().satisfies(child -> {
            assertThat(child.shardId()).isEqualTo(S2);
            assertThat(child.parentShards()).containsExactly(S0, S1);
        });
    }

    @Test
    void theEndingSequenceNumberIsAtLeastEveryRecordOfTheParent() {
        kinesis.call("CreateStream", create("s", 1));
        PutRecordResponse put = kinesis.call("PutRecord", put("s", "a", "1"));
        splitInHalf(S0);
        DescribeStreamResponse described = kinesis.call("DescribeStream",
                new DescribeStreamRequest("s", null, null, null, null));
        String ending = described.streamDescription().shards().get(0).sequenceNumberRange().endingSequenceNumber();
        assertThat(new BigInteger(ending)).isGreaterThan(new BigInteger(put.sequenceNumber()));
        GetShardIteratorResponse at = kinesis.call("GetShardIterator",
                iteratorAt("s", S0, ShardIteratorType.AT_SEQUENCE_NUMBER, ending));
        assertThat(read(at.shardIterator(), 10).childShards()).hasSize(2);
    }

    @Test
    void listShardsFiltersFollowTheLineage() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.clock.advanceMs(10_000);
        Instant beforeSplit = kinesis.clock.instant();
        kinesis.clock.advanceMs(10_000);
        splitInHalf(S0);
        kinesis.clock.advanceMs(10_000);
        Instant afterSplit = kinesis.clock.instant();

        assertThat(listShards(null)).containsExactly(S0, S1, S2);
        assertThat(listShards(new ShardFilter(ShardFilterType.FROM_TRIM_HORIZON, null, null)))
                .containsExactly(S0, S1, S2);
        assertThat(listShards(new ShardFilter(ShardFilterType.AT_LATEST, null, null))).containsExactly(S1, S2);
        assertThat(listShards(new ShardFilter(ShardFilterType.AT_TRIM_HORIZON, null, null))).containsExactly(S0);
        assertThat(listShards(new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, beforeSplit))).containsExactly(S0);
        assertThat(listShards(new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, afterSplit)))
                .containsExactly(S1, S2);
        assertThat(listShards(new ShardFilter(ShardFilterType.FROM_TIMESTAMP, null, beforeSplit)))
                .containsExactly(S0, S1, S2);
        assertThat(listShards(new ShardFilter(ShardFilterType.FROM_TIMESTAMP, null, afterSplit)))
                .containsExactly(S1, S2);
        assertThat(listShards(new ShardFilter(ShardFilterType.AFTER_SHARD_ID, S0, null))).containsExactly(S1, S2);
    }

    @Test
    void closedShardsDisappearFromListingsOnceTheirRecordsArePastRetention() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("PutRecord", put("s", "a", "1"));
        splitInHalf(S0);
        kinesis.clock.advanceMs(24 * 3_600_000L + 1);

        assertThat(listShards(null)).containsExactly(S1, S2);
        DescribeStreamResponse described = kinesis.call("DescribeStream",
                new DescribeStreamRequest("s", null, null, null, null));
        assertThat(described.streamDescription().shards()).extracting(Shard::shardId).containsExactly(S1, S2);
    }

    @Test
    void theLineageAndTheClosedShardSurviveARestart() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("PutRecord", put("s", "a", "1"));
        splitInHalf(S0);
        kinesis.restart();

        GetRecordsResponse read = read(trimHorizon(S0), 10);
        assertThat(read.records()).hasSize(1);
        assertThat(read.nextShardIterator()).isNull();
        assertThat(read.childShards()).extracting(ChildShard::shardId).containsExactly(S1, S2);
        PutRecordResponse put = kinesis.call("PutRecord", put("s", "a", "2"));
        assertThat(put.shardId()).isIn(S1, S2);
    }
}
