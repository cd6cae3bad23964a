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
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class IncreaseStreamRetentionPeriodTest {
    private final EngineFixture kinesis = new EngineFixture();

    @BeforeEach
    void createStream() {
        kinesis.call("CreateStream", create("s", 1));
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static IncreaseStreamRetentionPeriodRequest increase(int hours) {
        return new IncreaseStreamRetentionPeriodRequest("s", hours, null, null);
    }

    @Test
    void increasingToTheSameOrMoreHoursIsAccepted() {
        kinesis.call("IncreaseStreamRetentionPeriod", increase(25));
        kinesis.call("IncreaseStreamRetentionPeriod", increase(25));
        DescribeStreamSummaryResponse response = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(response.streamDescriptionSummary().retentionPeriodHours()).isEqualTo(25);
    }

    @Test
    void outOfRangeOrSmallerValuesAreRefusedWithTheAwsMessages() {
        assertThat(kinesis.message("IncreaseStreamRetentionPeriod", increase(23), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is "
                        + "too short.");
        kinesis.fails("IncreaseStreamRetentionPeriod", increase(8761), KinesisError.INVALID_ARGUMENT);
        kinesis.call("IncreaseStreamRetentionPeriod", increase(25));
        assertThat(kinesis.message("IncreaseStreamRetentionPeriod", increase(24), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Requested retention period (24 hours) for stream s can not be shorter than existing "
                        + "retention period (25 hours). Use DecreaseRetentionPeriod API.");
    }

    @Test
    void expiredRecordsDoNotReappearAfterAnIncrease() {
        kinesis.call("PutRecord", put("s", "k", "old"));
        kinesis.clock.advanceMs(24 * 3_600_000L + 1);
        kinesis.call("PutRecord", put("s", "k", "new"));
        kinesis.call("IncreaseStreamRetentionPeriod", increase(48));
        GetShardIteratorResponse it = kinesis.call("GetShardIterator",
                iterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
        GetRecordsResponse response = kinesis.call("GetRecords", records(it.shardIterator()));
        assertThat(response.records()).extracting(r -> new String(r.data())).containsExactly("new");
    }
}
