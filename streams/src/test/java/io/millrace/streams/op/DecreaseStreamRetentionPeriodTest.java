package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.ShardIteratorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.iterator;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.records;
import static org.assertj.core.api.Assertions.assertThat;

class DecreaseStreamRetentionPeriodTest {
    private final EngineFixture kinesis = new EngineFixture();

    @BeforeEach
    void createStream() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("IncreaseStreamRetentionPeriod", new IncreaseStreamRetentionPeriodRequest("s", 48, null, null));
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void decreasingHidesRecordsOlderThanTheNewRetentionAndTrimmingDropsThem() {
        kinesis.call("PutRecord", put("s", "k", "old"));
        kinesis.clock.advanceMs(30 * 3_600_000L);
        kinesis.call("PutRecord", put("s", "k", "new"));
        kinesis.call("DecreaseStreamRetentionPeriod", new DecreaseStreamRetentionPeriodRequest("s", 24, null, null));
        GetShardIteratorResponse it = kinesis.call("GetShardIterator",
                iterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
        GetRecordsResponse response = kinesis.call("GetRecords", records(it.shardIterator()));
        assertThat(response.records()).extracting(r -> new String(r.data())).containsExactly("new");
        kinesis.engine().runMaintenance();
        ListShardsResponse shards = kinesis.call("ListShards",
                new ListShardsRequest("s", null, null, null, null, null, null, null));
        assertThat(shards.shards()).hasSize(1);
        GetShardIteratorResponse trimmed = kinesis.call("GetShardIterator",
                iterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
        GetRecordsResponse afterTrim = kinesis.call("GetRecords", records(trimmed.shardIterator()));
        assertThat(afterTrim.records()).extracting(r -> new String(r.data())).containsExactly("new");
    }

    @Test
    void decreasingToMoreHoursIsRefusedWithTheAwsMessage() {
        assertThat(kinesis.message("DecreaseStreamRetentionPeriod",
                new DecreaseStreamRetentionPeriodRequest("s", 49, null, null), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Requested retention period (49 hours) for stream s can not be longer than existing "
                        + "retention period (48 hours). Use IncreaseRetentionPeriod API.");
        kinesis.fails("DecreaseStreamRetentionPeriod", new DecreaseStreamRetentionPeriodRequest("s", 1, null, null),
                KinesisError.INVALID_ARGUMENT);
    }
}
