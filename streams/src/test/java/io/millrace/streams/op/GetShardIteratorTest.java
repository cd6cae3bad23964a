package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.ShardIteratorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.iterator;
import static io.millrace.streams.Requests.iteratorAt;
import static io.millrace.streams.Requests.iteratorAtTime;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.records;
import static org.assertj.core.api.Assertions.assertThat;

class GetShardIteratorTest {
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

    private List<String> read(GetShardIteratorRequest request) {
        GetShardIteratorResponse iterator = kinesis.call("GetShardIterator", request);
        assertThat(iterator.shardIterator().length()).isLessThanOrEqualTo(512);
        GetRecordsResponse response = kinesis.call("GetRecords", records(iterator.shardIterator()));
        return response.records().stream().map(r -> new String(r.data())).toList();
    }

    private List<String> putAll(String... data) {
        return Arrays.stream(data)
                .map(d -> kinesis.<PutRecordRequest, PutRecordResponse>call("PutRecord", put("s", "k", d)))
                .map(PutRecordResponse::sequenceNumber).toList();
    }

    @Test
    void everyIteratorTypeStartsWhereKinesisSays() {
        List<String> numbers = putAll("a", "b");
        kinesis.clock.advanceMs(1000);
        GetShardIteratorRequest latest = iterator("s", SHARD0, ShardIteratorType.LATEST);
        GetShardIteratorResponse latestIterator = kinesis.call("GetShardIterator", latest);
        putAll("c");
        assertThat(read(iterator("s", SHARD0, ShardIteratorType.TRIM_HORIZON))).containsExactly("a", "b", "c");
        assertThat(read(iteratorAt("s", SHARD0, ShardIteratorType.AT_SEQUENCE_NUMBER, numbers.get(1))))
                .containsExactly("b", "c");
        assertThat(read(iteratorAt("s", SHARD0, ShardIteratorType.AFTER_SEQUENCE_NUMBER, numbers.get(1))))
                .containsExactly("c");
        assertThat(read(iteratorAtTime("s", SHARD0, kinesis.clock.instant()))).containsExactly("c");
        GetRecordsResponse fromLatest = kinesis.call("GetRecords", records(latestIterator.shardIterator()));
        assertThat(fromLatest.records()).extracting(r -> new String(r.data())).containsExactly("c");
    }

    @Test
    void theShardStartingNumberReadsFromTheFirstRecord() {
        putAll("a");
        ListShardsResponse shards = kinesis.call("ListShards",
                new ListShardsRequest("s", null, null, null, null, null, null, null));
        String start = shards.shards().get(0).sequenceNumberRange().startingSequenceNumber();
        assertThat(read(iteratorAt("s", SHARD0, ShardIteratorType.AT_SEQUENCE_NUMBER, start))).containsExactly("a");
        assertThat(read(iteratorAt("s", SHARD0, ShardIteratorType.AFTER_SEQUENCE_NUMBER, start)))
                .containsExactly("a");
    }

    @Test
    void shardIdsAreParsedLeniently() {
        putAll("a");
        assertThat(read(iterator("s", "shardId-0", ShardIteratorType.TRIM_HORIZON))).containsExactly("a");
        assertThat(read(iterator("s", "foo-000", ShardIteratorType.TRIM_HORIZON))).containsExactly("a");
        assertThat(read(iterator("s", "0", ShardIteratorType.TRIM_HORIZON))).containsExactly("a");
    }

    @Test
    void unparsableAndMissingShardsAreResourceNotFound() {
        assertThat(kinesis.message("GetShardIterator", iterator("s", "shardId-x", ShardIteratorType.LATEST),
                KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Could not find shard shardId-x in stream s under account 123456789012.");
        assertThat(kinesis.message("GetShardIterator", iterator("s", "shardId-5", ShardIteratorType.LATEST),
                KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Shard shardId-000000000005 in stream s under account 123456789012 does not exist");
        assertThat(kinesis.message("GetShardIterator", iterator("nope", SHARD0, ShardIteratorType.LATEST),
                KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Shard shardId-000000000000 in stream nope under account 123456789012 does not exist");
    }

    @Test
    void typeAndSequenceNumberMustAgree() {
        String prefix = "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ";
        assertThat(kinesis.message("GetShardIterator", iterator("s", SHARD0, ShardIteratorType.AT_SEQUENCE_NUMBER),
                KinesisError.INVALID_ARGUMENT))
                .isEqualTo(prefix + "Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        assertThat(kinesis.message("GetShardIterator", iteratorAt("s", SHARD0, ShardIteratorType.LATEST, "1"),
                KinesisError.INVALID_ARGUMENT))
                .isEqualTo(prefix + "Request specified LATEST and also a StartingSequenceNumber.");
    }

    @Test
    void atTimestampNeedsAPastTimestamp() {
        assertThat(kinesis.message("GetShardIterator", iterator("s", SHARD0, ShardIteratorType.AT_TIMESTAMP),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("Must specify timestampInMillis parameter for iterator of "
                + "type AT_TIMESTAMP. Current request has no timestamp parameter.");
        long nowMs = kinesis.clock.millis();
        assertThat(kinesis.message("GetShardIterator", iteratorAtTime("s", SHARD0, Instant.ofEpochMilli(nowMs + 1)),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("The timestampInMillis parameter cannot be greater than "
                + "the currentTimestampInMillis. timestampInMillis: " + (nowMs + 1) + ", currentTimestampInMillis: "
                + nowMs);
    }

    @Test
    void sequenceNumbersOfOtherShardsOrIncarnationsOrNoneAtAllAreRefused() {
        kinesis.call("CreateStream", create("two", 2));
        PutRecordResponse onShard1 = kinesis.call("PutRecord",
                new PutRecordRequest("two", new byte[] {1}, "k", "340282366920938463463374607431768211455", null,
                        null, null, null));
        assertThat(kinesis.message("GetShardIterator", iteratorAt("two", SHARD0,
                ShardIteratorType.AT_SEQUENCE_NUMBER, onShard1.sequenceNumber()), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a "
                        + "call to a shard with shardId-000000000000");
        assertThat(kinesis.message("GetShardIterator", iteratorAt("s", SHARD0,
                ShardIteratorType.AT_SEQUENCE_NUMBER, "12345"), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("StartingSequenceNumber 12345 used in GetShardIterator on shard shardId-000000000000 in "
                        + "stream s under account 123456789012 is invalid.");
        String old = putAll("x").get(0);
        kinesis.call("DeleteStream", new DeleteStreamRequest("s", null, null, null));
        kinesis.clock.advanceMs(5000);
        kinesis.call("CreateStream", create("s", 1));
        assertThat(kinesis.message("GetShardIterator", iteratorAt("s", SHARD0,
                ShardIteratorType.AT_SEQUENCE_NUMBER, old), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("StartingSequenceNumber " + old + " used in GetShardIterator on shard shardId-000000000000 "
                        + "in stream s under account 123456789012 is invalid because it did not come from this "
                        + "stream.");
    }
}
