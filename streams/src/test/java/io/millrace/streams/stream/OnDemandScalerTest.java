package io.millrace.streams.stream;

import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.PutRecordsRequestEntry;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.op.DescribeStreamRequest;
import io.millrace.streams.op.DescribeStreamResponse;
import io.millrace.streams.op.PutRecordsRequest;
import io.millrace.streams.op.PutRecordsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

/** ON_DEMAND streams split hot shards; driven by the engine's maintenance with a manual clock. */
class OnDemandScalerTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    /** Sends {@code recordsPerSecond} records to shard 0 (explicit hash key 0) each second for {@code seconds}. */
    private void writeToShardZero(String stream, int seconds, int recordsPerSecond) {
        List<PutRecordsRequestEntry> batch = Collections.nCopies(recordsPerSecond / 2,
                new PutRecordsRequestEntry(new byte[100], "0", "k"));
        for (int i = 0; i < seconds; i++) {
            for (int half = 0; half < 2; half++) {
                PutRecordsResponse response = kinesis.call("PutRecords",
                        new PutRecordsRequest(batch, stream, null, null, null));
                assertThat(response.failedRecordCount()).isZero();
            }
            kinesis.clock.advanceMs(1_000);
        }
        kinesis.clock.advanceMs(-500);
    }

    private DescribeStreamResponse describe(String stream) {
        return kinesis.call("DescribeStream", new DescribeStreamRequest(stream, null, null, null, null));
    }

    @Test
    void sustainedWritesNearCapacitySplitTheHotShardInTheMiddleOfItsRange() {
        kinesis.call("CreateStream", createOnDemand("od"));
        writeToShardZero("od", 5, 900);

        kinesis.engine().runMaintenance();

        List<Shard> shards = describe("od").streamDescription().shards();
        assertThat(describe("od").streamDescription().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(shards).hasSize(6);
        Shard parent = shards.get(0);
        assertThat(parent.sequenceNumberRange().endingSequenceNumber()).isNotNull();
        BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
        BigInteger middle = start.add(end.subtract(start).add(BigInteger.ONE).shiftRight(1));
        assertThat(shards.get(4).parentShardId()).isEqualTo(parent.shardId());
        assertThat(shards.get(4).hashKeyRange().endingHashKey()).isEqualTo(middle.subtract(BigInteger.ONE).toString());
        assertThat(shards.get(5).parentShardId()).isEqualTo(parent.shardId());
        assertThat(shards.get(5).hashKeyRange().startingHashKey()).isEqualTo(middle.toString());
        assertThat(shards.subList(1, 4)).allSatisfy(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber())
                .isNull());

        kinesis.engine().runMaintenance();
        assertThat(describe("od").streamDescription().shards()).as("children are too young to split").hasSize(6);
    }

    @Test
    void writesBelowTheThresholdLeaveTheShardsAlone() {
        kinesis.call("CreateStream", createOnDemand("od"));
        writeToShardZero("od", 5, 700);
        kinesis.engine().runMaintenance();
        assertThat(describe("od").streamDescription().shards()).hasSize(4);
    }

    @Test
    void provisionedStreamsNeverScaleByThemselves() {
        kinesis.call("CreateStream", create("p", 1));
        writeToShardZero("p", 5, 900);
        kinesis.engine().runMaintenance();
        assertThat(describe("p").streamDescription().shards()).hasSize(1);
    }
}
