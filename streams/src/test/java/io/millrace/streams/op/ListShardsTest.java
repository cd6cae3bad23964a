package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.ShardFilter;
import io.millrace.streams.model.ShardFilterType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class ListShardsTest {
    private final EngineFixture kinesis = new EngineFixture();

    @BeforeEach
    void createStream() {
        kinesis.call("CreateStream", create("s", 3));
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    private ListShardsResponse list(ListShardsRequest request) {
        return kinesis.call("ListShards", request);
    }

    private static ListShardsRequest byName(Integer max, String after, ShardFilter filter) {
        return new ListShardsRequest("s", null, after, max, null, filter, null, null);
    }

    @Test
    void shardsArePagedWithASelfContainedToken() {
        ListShardsResponse page1 = list(byName(2, null, null));
        assertThat(page1.shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        ListShardsResponse page2 = list(new ListShardsRequest(null, page1.nextToken(), null, 2, null, null, null,
                null));
        assertThat(page2.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000002");
        assertThat(page2.nextToken()).isNull();
    }

    @Test
    void streamAndTokenAreMutuallyExclusiveAndOneIsRequired() {
        assertThat(kinesis.message("ListShards", new ListShardsRequest(null, null, null, null, null, null, null,
                null), KinesisError.INVALID_ARGUMENT)).isEqualTo("Either NextToken or StreamName should be provided.");
        String token = list(byName(1, null, null)).nextToken();
        assertThat(kinesis.message("ListShards", new ListShardsRequest("s", token, null, null, null, null, null,
                null), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("NextToken and StreamName cannot be provided together.");
    }

    @Test
    void tokensExpireAfterFiveMinutes() {
        String token = list(byName(1, null, null)).nextToken();
        kinesis.clock.advanceMs(300_001);
        kinesis.fails("ListShards", new ListShardsRequest(null, token, null, null, null, null, null, null),
                KinesisError.EXPIRED_NEXT_TOKEN);
    }

    @Test
    void everyFilterTypeSelectsTheOpenShardsOfANewStream() {
        Instant now = kinesis.clock.instant();
        for (ShardFilter filter : new ShardFilter[] {
            new ShardFilter(ShardFilterType.AT_LATEST, null, null),
            new ShardFilter(ShardFilterType.AT_TRIM_HORIZON, null, null),
            new ShardFilter(ShardFilterType.FROM_TRIM_HORIZON, null, null),
            new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, Instant.EPOCH),
            new ShardFilter(ShardFilterType.FROM_TIMESTAMP, null, now)}) {
            assertThat(list(byName(null, null, filter)).shards()).as("%s", filter.type()).hasSize(3);
        }
        assertThat(list(byName(null, null, new ShardFilter(ShardFilterType.AFTER_SHARD_ID, "shardId-000000000000",
                null))).shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(list(byName(null, "shardId-000000000001", null)).shards()).hasSize(1);
    }

    @Test
    void timestampFiltersNeedATimestamp() {
        kinesis.fails("ListShards", byName(null, null, new ShardFilter(ShardFilterType.AT_TIMESTAMP, null, null)),
                KinesisError.INVALID_ARGUMENT);
    }
}
