package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.RecordDistributionStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateStreamRecordDistributionStrategyTest {
    private static final String ARN = PutResourcePolicyTest.ARN;
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static UpdateStreamRecordDistributionStrategyRequest strategy(RecordDistributionStrategy strategy) {
        return new UpdateStreamRecordDistributionStrategyRequest(ARN, null, strategy);
    }

    @Test
    void autoSpreadsRecordsOfOneKeyOverTheShardsFromNowOn() {
        kinesis.call("CreateStream", createOnDemand("s"));
        kinesis.call("UpdateStreamRecordDistributionStrategy", strategy(RecordDistributionStrategy.AUTO));
        DescribeStreamSummaryResponse described = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(described.streamDescriptionSummary().recordDistributionStrategy())
                .isEqualTo(RecordDistributionStrategy.AUTO);
        Set<String> shards = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            PutRecordResponse put = kinesis.call("PutRecord", put("s", "same-key", "v"));
            shards.add(put.shardId());
        }
        assertThat(shards).hasSize(4);
    }

    @Test
    void autoOnAProvisionedStreamIsRefused() {
        kinesis.call("CreateStream", create("s", 2));
        assertThat(kinesis.message("UpdateStreamRecordDistributionStrategy",
                strategy(RecordDistributionStrategy.AUTO), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode.");
    }
}
