package io.millrace.streams.limit;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.PutRecordsRequestEntry;
import io.millrace.streams.model.PutRecordsResultEntry;
import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.op.GetShardIteratorResponse;
import io.millrace.streams.op.PutRecordRequest;
import io.millrace.streams.op.PutRecordsRequest;
import io.millrace.streams.op.PutRecordsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.iterator;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The opt-in per-shard limits, exercised through the operations with a manual clock. */
class ShardThroughputTest {
    private static final String THROTTLED = "Rate exceeded for shard shardId-000000000000 in stream s under "
            + "account 123456789012.";
    private final EngineFixture kinesis = new EngineFixture(new InMemoryLogStore(),
            EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET).withLimitsEnforced(true));

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static PutRecordsRequest batch(int records, int bytesEach) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            entries.add(new PutRecordsRequestEntry(new byte[bytesEach], null, "k"));
        }
        return new PutRecordsRequest(entries, "s", null, null, null);
    }

    @Test
    void withinAShardsCapacityNothingIsThrottled() {
        kinesis.call("CreateStream", create("s", 1));
        for (int i = 0; i < 2; i++) {
            PutRecordsResponse response = kinesis.call("PutRecords", batch(500, 10));
            assertThat(response.failedRecordCount()).isZero();
        }
    }

    @Test
    void aBurstBeyondOneThousandRecordsFailsOnlyTheExcessRecordsWithAwsText() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("PutRecords", batch(500, 1));
        kinesis.call("PutRecords", batch(499, 1));
        PutRecordsResponse third = kinesis.call("PutRecords", batch(3, 1));
        assertThat(third.failedRecordCount()).isEqualTo(2);
        assertThat(third.records().get(0).errorCode()).isNull();
        assertThat(third.records().subList(1, 3)).allSatisfy(entry -> {
            assertThat(entry.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(entry.errorMessage()).isEqualTo(THROTTLED);
        });
        kinesis.clock.advanceMs(1_000);
        assertThat(kinesis.<PutRecordsRequest, PutRecordsResponse>call("PutRecords", batch(3, 1))
                .failedRecordCount()).isZero();
    }

    @Test
    void putRecordOverOneMebibytePerSecondIsThrottledWithTheExactError() {
        kinesis.call("CreateStream", create("s", 1));
        PutRecordRequest big = new PutRecordRequest("s", new byte[700 * 1024], "k", null, null, null, null, null);
        kinesis.call("PutRecord", big);
        assertThat(kinesis.message("PutRecord", big, KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED))
                .isEqualTo(THROTTLED);
        kinesis.clock.advanceMs(1_000);
        kinesis.call("PutRecord", big);
    }

    @Test
    void getRecordsIsLimitedToFiveCallsPerSecondPerShard() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("PutRecord", put("s", "k", "v"));
        GetShardIteratorResponse it = kinesis.call("GetShardIterator",
                iterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
        for (int i = 0; i < 5; i++) {
            kinesis.call("GetRecords", records(it.shardIterator()));
        }
        assertThat(kinesis.message("GetRecords", records(it.shardIterator()),
                KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED)).isEqualTo(THROTTLED);
        kinesis.clock.advanceMs(200);
        kinesis.call("GetRecords", records(it.shardIterator()));
    }

    @Test
    void readingMoreThanTwoMebibytesMakesTheNextCallsWaitUntilRepaid() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("UpdateMaxRecordSize",
                new io.millrace.streams.op.UpdateMaxRecordSizeRequest(
                        "arn:aws:kinesis:us-east-1:123456789012:stream/s", null, 4096));
        kinesis.call("PutRecord", new PutRecordRequest("s", new byte[4 * 1024 * 1024 - 1], "k", null, null, null,
                null, null));
        GetShardIteratorResponse it = kinesis.call("GetShardIterator",
                iterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
        kinesis.call("GetRecords", records(it.shardIterator()));
        kinesis.clock.advanceMs(1_000);
        kinesis.fails("GetRecords", records(it.shardIterator()), KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED);
        kinesis.clock.advanceMs(1_001);
        kinesis.call("GetRecords", records(it.shardIterator()));
    }

    @Test
    void limitsAreOffByDefault() {
        try (EngineFixture unlimited = new EngineFixture()) {
            unlimited.call("CreateStream", create("s", 1));
            for (int i = 0; i < 3; i++) {
                PutRecordsResponse response = unlimited.call("PutRecords", batch(500, 1));
                assertThat(response.records()).extracting(PutRecordsResultEntry::errorCode).containsOnlyNulls();
            }
        }
    }
}
