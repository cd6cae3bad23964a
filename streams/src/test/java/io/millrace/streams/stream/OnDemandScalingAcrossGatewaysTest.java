package io.millrace.streams.stream;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.SharedMemoryStore;
import io.millrace.streams.model.PutRecordsRequestEntry;
import io.millrace.streams.model.Shard;
import io.millrace.streams.op.ListShardsRequest;
import io.millrace.streams.op.ListShardsResponse;
import io.millrace.streams.op.PutRecordsRequest;
import io.millrace.streams.op.PutRecordsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two engines sharing one metadata store and one set of logs, as two gateways share a Kafka cluster, each with a
 * manual clock: on-demand scaling decides on a shard's total traffic through both, not on either half.
 */
class OnDemandScalingAcrossGatewaysTest {
    /** 600 records a second through each gateway: alone at most 3,000 in the 5 s window, below the 4,000 of 80%. */
    private static final int RECORDS_PER_SECOND_EACH = 600;

    private final SharedMemoryStore store = new SharedMemoryStore();
    private final EngineFixture a = gateway();
    private final EngineFixture b = gateway();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private EngineFixture gateway() {
        return new EngineFixture(store, EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET));
    }

    /** One second of writes to shard 0 through each given gateway, then both clocks advance and both tick. */
    private void oneSecond(List<EngineFixture> writers) {
        List<PutRecordsRequestEntry> batch = Collections.nCopies(RECORDS_PER_SECOND_EACH / 2,
                new PutRecordsRequestEntry(new byte[100], "0", "k"));
        for (EngineFixture gateway : writers) {
            for (int half = 0; half < 2; half++) {
                PutRecordsResponse response = gateway.call("PutRecords",
                        new PutRecordsRequest(batch, "od", null, null, null));
                assertThat(response.failedRecordCount()).isZero();
            }
        }
        for (EngineFixture gateway : List.of(a, b)) {
            gateway.clock.advanceMs(1_000);
            gateway.engine().runMaintenance();
        }
    }

    private static List<Shard> shards(EngineFixture gateway) {
        ListShardsResponse listed = gateway.call("ListShards",
                new ListShardsRequest("od", null, null, null, null, null, null, null));
        return listed.shards();
    }

    @Test
    void writesSplitBetweenTwoGatewaysSplitTheShardOnceWhenTheirSumIsHot() {
        a.call("CreateStream", createOnDemand("od"));
        int seconds = 0;
        while (shards(a).size() == 4 && seconds < 10) {
            oneSecond(List.of(a, b));
            seconds++;
        }
        assertThat(shards(a)).as("split after %d s", seconds).hasSize(6);
        assertThat(shards(b)).hasSize(6);
        assertThat(shards(b).get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        oneSecond(List.of(a, b));
        assertThat(shards(b)).as("the children are too young to split, and the parent is split once").hasSize(6);
    }

    @Test
    void theSameWritesThroughOneGatewayAloneDoNotSplit() {
        a.call("CreateStream", createOnDemand("od"));
        for (int second = 0; second < 10; second++) {
            oneSecond(List.of(b));
        }
        assertThat(shards(a)).hasSize(4);
    }
}
