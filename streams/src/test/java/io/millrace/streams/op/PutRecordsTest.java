package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.FailingLogStore;
import io.millrace.streams.model.PutRecordsRequestEntry;
import io.millrace.streams.model.PutRecordsResultEntry;
import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamModeDetails;
import io.millrace.streams.shard.HashKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.iterator;
import static io.millrace.streams.Requests.records;
import static org.assertj.core.api.Assertions.assertThat;

class PutRecordsTest {
    private static final String LOW = "0";
    private static final String HIGH = HashKey.MAX.toString();
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static PutRecordsRequestEntry entry(String explicitHashKey, String partitionKey) {
        return new PutRecordsRequestEntry(partitionKey.getBytes(), explicitHashKey, partitionKey);
    }

    private static PutRecordsRequest request(String stream, List<PutRecordsRequestEntry> entries) {
        return new PutRecordsRequest(entries, stream, null, null, null);
    }

    @Test
    void everyRecordGetsAResultInRequestOrderAndFailedRecordCountIsZero() {
        kinesis.call("CreateStream", create("s", 2));
        PutRecordsResponse response = kinesis.call("PutRecords", request("s",
                List.of(entry(LOW, "a"), entry(HIGH, "b"), entry(LOW, "c"))));
        assertThat(response.failedRecordCount()).isZero();
        assertThat(response.records()).extracting(PutRecordsResultEntry::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000000");
        assertThat(new BigInteger(response.records().get(2).sequenceNumber()))
                .isGreaterThan(new BigInteger(response.records().get(0).sequenceNumber()));
    }

    @Test
    void aShardWhoseBatchIsNotDurableFailsOnlyItsRecords() {
        FailingLogStore store = new FailingLogStore();
        store.undurableShards.add(1);
        try (EngineFixture failing = new EngineFixture(store, EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET))) {
            failing.call("CreateStream", create("s", 2));
            PutRecordsResponse response = failing.call("PutRecords", request("s",
                    List.of(entry(HIGH, "a"), entry(LOW, "b"), entry(HIGH, "c"))));
            assertThat(response.failedRecordCount()).isEqualTo(2);
            assertThat(response.records().get(0)).isEqualTo(
                    new PutRecordsResultEntry(null, null, "InternalFailure", "Internal Service Failure"));
            assertThat(response.records().get(1).shardId()).isEqualTo("shardId-000000000000");
            assertThat(response.records().get(2).errorCode()).isEqualTo("InternalFailure");
        }
    }

    @Test
    void aShardWhoseAppendThrowsFailsOnlyItsRecords() {
        FailingLogStore store = new FailingLogStore();
        store.brokenShards.add(0);
        try (EngineFixture failing = new EngineFixture(store, EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET))) {
            failing.call("CreateStream", create("s", 2));
            PutRecordsResponse response = failing.call("PutRecords", request("s",
                    List.of(entry(HIGH, "a"), entry(LOW, "b"))));
            assertThat(response.failedRecordCount()).isEqualTo(1);
            assertThat(response.records().get(1).errorCode()).isEqualTo("InternalFailure");
        }
    }

    @Test
    void oneInvalidExplicitHashKeyFailsTheWholeRequest() {
        kinesis.call("CreateStream", create("s", 1));
        String tooBig = HashKey.SPACE_SIZE.toString();
        kinesis.fails("PutRecords", request("s", List.of(entry(LOW, "a"), entry(tooBig, "b"))),
                KinesisError.INVALID_ARGUMENT);
        GetShardIteratorResponse iterator = kinesis.call("GetShardIterator", iterator(
                "s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
        GetRecordsResponse records = kinesis.call("GetRecords",
                records(iterator.shardIterator()));
        assertThat(records.records()).isEmpty();
    }

    @Test
    void autoDistributionSpreadsRecordsEvenlyAndIgnoresKeys() {
        kinesis.call("CreateStream", new CreateStreamRequest("od", null,
                new StreamModeDetails(StreamMode.ON_DEMAND), null, null, null, RecordDistributionStrategy.AUTO));
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entries.add(entry(LOW, "same-key"));
        }
        PutRecordsResponse response = kinesis.call("PutRecords", request("od", entries));
        Map<String, Long> perShard = response.records().stream()
                .collect(Collectors.groupingBy(PutRecordsResultEntry::shardId, Collectors.counting()));
        assertThat(perShard).hasSize(4).allSatisfy((shard, count) -> assertThat(count).isEqualTo(10L));
    }

    @Test
    void puttingToAMissingStreamIsResourceNotFound() {
        assertThat(kinesis.message("PutRecords", request("nope", List.of(entry(null, "a"))),
                KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("Stream nope under account 123456789012 not found.");
    }
}
