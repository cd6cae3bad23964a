package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamModeDetails;
import io.millrace.streams.model.StreamStatus;
import io.millrace.log.memory.InMemoryLogStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CreateStreamTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void threeShardStreamHasTheHashBoundariesRecordedFromAws() {
        kinesis.call("CreateStream", create("s", 3));
        DescribeStreamResponse described = kinesis.call("DescribeStream",
                new DescribeStreamRequest("s", null, null, null, null));
        assertThat(described.streamDescription().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(described.streamDescription().shards()).extracting(Shard::shardId, s -> s.hashKeyRange()
                .startingHashKey(), s -> s.hashKeyRange().endingHashKey()).containsExactly(
                tuple("shardId-000000000000", "0",
                        "113427455640312821154458202477256070484"),
                tuple("shardId-000000000001",
                        "113427455640312821154458202477256070485", "226854911280625642308916404954512140969"),
                tuple("shardId-000000000002",
                        "226854911280625642308916404954512140970", "340282366920938463463374607431768211455"));
    }

    @Test
    void creatingAnExistingNameIsRefused() {
        kinesis.call("CreateStream", create("s", 1));
        assertThat(kinesis.message("CreateStream", create("s", 2), KinesisError.RESOURCE_IN_USE))
                .isEqualTo("Stream s under account 123456789012 already exists.");
    }

    @Test
    void exceedingTheShardLimitIsRefusedWithTheAwsMessage() {
        kinesis.call("CreateStream", create("a", 498));
        assertThat(kinesis.message("CreateStream", create("b", 3), KinesisError.LIMIT_EXCEEDED)).isEqualTo(
                "This request would exceed the shard limit for the account 123456789012 in us-east-1. Current shard "
                + "count for the account: 498. Limit: 500. Number of additional shards that would have resulted "
                + "from this request: 3. Refer to the AWS Service Limits page "
                + "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how "
                + "to request higher limits.");
    }

    @Test
    void onDemandStreamsStartWithFourShardsAndReportTheirDistributionStrategy() {
        kinesis.call("CreateStream", createOnDemand("od"));
        DescribeStreamSummaryResponse described = kinesis.call("DescribeStreamSummary", summary("od"));
        assertThat(described.streamDescriptionSummary().openShardCount()).isEqualTo(4);
        assertThat(described.streamDescriptionSummary().streamModeDetails().streamMode())
                .isEqualTo(StreamMode.ON_DEMAND);
        assertThat(described.streamDescriptionSummary().recordDistributionStrategy())
                .isEqualTo(RecordDistributionStrategy.USER_PARTITION_KEY);
    }

    @Test
    void autoDistributionIsRefusedForProvisionedStreams() {
        kinesis.fails("CreateStream", new CreateStreamRequest("p", 1, new StreamModeDetails(StreamMode.PROVISIONED),
                null, null, null, RecordDistributionStrategy.AUTO), KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void provisionedStreamsNeedAShardCount() {
        kinesis.fails("CreateStream", new CreateStreamRequest("p", null, null, null, null, null, null),
                KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void aStreamStaysCreatingForTheConfiguredDelayWithoutShardsShown() {
        try (EngineFixture delayed = new EngineFixture(new InMemoryLogStore(), EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET).withStreamDelaysMs(500, 0, 0))) {
            delayed.call("CreateStream", create("s", 2));
            DescribeStreamRequest describe = new DescribeStreamRequest("s", null, null, null, null);
            DescribeStreamResponse creating = delayed.call("DescribeStream", describe);
            assertThat(creating.streamDescription().streamStatus()).isEqualTo(StreamStatus.CREATING);
            assertThat(creating.streamDescription().shards()).isEmpty();
            assertThat(creating.streamDescription().hasMoreShards()).isFalse();
            assertThat(delayed.message("PutRecord", put("s", "k", "d"),
                    KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("Stream s under account 123456789012 not found.");
            delayed.clock.advanceMs(500);
            DescribeStreamResponse active = delayed.call("DescribeStream", describe);
            assertThat(active.streamDescription().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
            assertThat(active.streamDescription().shards()).hasSize(2);
        }
    }

    @Test
    void moreThanFiftyTagsAreRefusedWithTheRecordedTenTagsMessage() {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tags.put("k" + i, "v");
        }
        assertThat(kinesis.message("CreateStream", new CreateStreamRequest("s", 1, null, tags, null, null, null),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("Failed to add tags to stream s under account "
                + "123456789012 because a given stream cannot have more than 10 tags associated with it.");
    }
}
