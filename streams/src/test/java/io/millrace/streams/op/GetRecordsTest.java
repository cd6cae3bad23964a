package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Record;
import io.millrace.streams.model.ShardIteratorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.iterator;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.records;
import static org.assertj.core.api.Assertions.assertThat;

class GetRecordsTest {
    private static final String SHARD0 = "shardId-000000000000";
    private final EngineFixture kinesis = new EngineFixture();

    @BeforeEach
    void createStream() {
        kinesis.call("CreateStream", create("s", 1));
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    private String trimHorizon() {
        GetShardIteratorResponse response = kinesis.call("GetShardIterator",
                iterator("s", SHARD0, ShardIteratorType.TRIM_HORIZON));
        return response.shardIterator();
    }

    @Test
    void recordsCarryTheirSequenceNumberArrivalDataAndKey() {
        PutRecordResponse put = kinesis.call("PutRecord", put("s", "key-1", "hello"));
        GetRecordsResponse response = kinesis.call("GetRecords", records(trimHorizon()));
        assertThat(response.records()).containsExactly(response.records().get(0));
        Record record = response.records().get(0);
        assertThat(record.sequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(record.approximateArrivalTimestamp()).isEqualTo(Instant.ofEpochMilli(EngineFixture.START_MS));
        assertThat(record.data()).asString().isEqualTo("hello");
        assertThat(record.partitionKey()).isEqualTo("key-1");
        assertThat(record.encryptionType()).isNull();
        assertThat(response.millisBehindLatest()).isZero();
        assertThat(response.childShards()).isNull();
    }

    @Test
    void limitAndNextShardIteratorWalkTheShard() {
        for (int i = 0; i < 5; i++) {
            kinesis.call("PutRecord", put("s", "k", "r" + i));
        }
        kinesis.clock.advanceMs(700);
        GetRecordsResponse first = kinesis.call("GetRecords", records(trimHorizon(), 2));
        assertThat(first.records()).extracting(r -> new String(r.data())).containsExactly("r0", "r1");
        assertThat(first.millisBehindLatest()).isEqualTo(700);
        GetRecordsResponse rest = kinesis.call("GetRecords", records(first.nextShardIterator()));
        assertThat(rest.records()).extracting(r -> new String(r.data())).containsExactly("r2", "r3", "r4");
        assertThat(rest.millisBehindLatest()).isZero();
        GetRecordsResponse empty = kinesis.call("GetRecords", records(rest.nextShardIterator()));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotNull();
        kinesis.call("PutRecord", put("s", "k", "r5"));
        GetRecordsResponse later = kinesis.call("GetRecords", records(empty.nextShardIterator()));
        assertThat(later.records()).extracting(r -> new String(r.data())).containsExactly("r5");
    }

    @Test
    void garbageIteratorsAreInvalid() {
        assertThat(kinesis.message("GetRecords", records("not-an-iterator"), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Invalid ShardIterator.");
        String genuine = trimHorizon();
        char last = genuine.charAt(10);
        String forged = genuine.substring(0, 10) + (last == 'A' ? 'B' : 'A') + genuine.substring(11);
        kinesis.fails("GetRecords", records(forged), KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void iteratorsExpireAfterFiveMinutesWithTheAwsMessage() {
        String iterator = trimHorizon();
        kinesis.clock.advanceMs(300_000);
        kinesis.call("GetRecords", records(iterator));
        kinesis.clock.advanceMs(1);
        assertThat(kinesis.message("GetRecords", records(iterator), KinesisError.EXPIRED_ITERATOR)).isEqualTo(
                "Iterator expired. The iterator was created at time Thu Jan 22 01:22:02 UTC 2015 while right now it "
                + "is Thu Jan 22 01:27:02 UTC 2015 which is further in the future than the tolerated delay of 300000 "
                + "milliseconds.");
    }

    @Test
    void iteratorsOfADeletedOrRecreatedStreamAreResourceNotFound() {
        String iterator = trimHorizon();
        kinesis.call("DeleteStream", new DeleteStreamRequest("s", null, null, null));
        String expected = "Shard shardId-000000000000 in stream s under account 123456789012 does not exist";
        assertThat(kinesis.message("GetRecords", records(iterator), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo(expected);
        kinesis.clock.advanceMs(1);
        kinesis.call("CreateStream", create("s", 1));
        assertThat(kinesis.message("GetRecords", records(iterator), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo(expected);
    }

    @Test
    void recordsPastRetentionAreNotReturned() {
        kinesis.call("PutRecord", put("s", "k", "old"));
        kinesis.clock.advanceMs(3_600_000);
        kinesis.call("PutRecord", put("s", "k", "new"));
        kinesis.clock.advanceMs(23 * 3_600_000L);
        String iterator = trimHorizon();
        kinesis.clock.advanceMs(1);
        GetRecordsResponse response = kinesis.call("GetRecords", records(iterator));
        assertThat(response.records()).extracting(r -> new String(r.data())).containsExactly("new");
    }
}
