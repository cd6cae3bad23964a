package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.model.EnhancedMetrics;
import io.millrace.streams.model.Shard;
import io.millrace.streams.model.StreamDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class DescribeStreamTest {
    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    private StreamDescription describe(DescribeStreamRequest request) {
        DescribeStreamResponse response = kinesis.call("DescribeStream", request);
        return response.streamDescription();
    }

    @Test
    void describesANewStreamLikeAws() {
        kinesis.call("CreateStream", create("s", 2));
        StreamDescription description = describe(new DescribeStreamRequest(null, null, null, ARN, null));
        assertThat(description.streamName()).isEqualTo("s");
        assertThat(description.streamARN()).isEqualTo(ARN);
        assertThat(description.retentionPeriodHours()).isEqualTo(24);
        assertThat(description.enhancedMonitoring()).containsExactly(new EnhancedMetrics(List.of()));
        assertThat(description.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(description.streamCreationTimestamp()).isBefore(Instant.ofEpochMilli(EngineFixture.START_MS));
        List<Shard> shards = description.shards();
        BigInteger first = new BigInteger(shards.get(0).sequenceNumberRange().startingSequenceNumber());
        BigInteger second = new BigInteger(shards.get(1).sequenceNumberRange().startingSequenceNumber());
        assertThat(second.subtract(first)).isEqualTo(new BigInteger("22300745198530623141535718272648361505980432"));
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNull();
    }

    @Test
    void shardsArePaginatedByExclusiveStartShardId() {
        kinesis.call("CreateStream", create("s", 5));
        StreamDescription page1 = describe(new DescribeStreamRequest("s", 2, null, null, null));
        assertThat(page1.shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        assertThat(page1.hasMoreShards()).isTrue();
        StreamDescription page2 = describe(new DescribeStreamRequest("s", 10, "shardId-000000000001", null, null));
        assertThat(page2.shards()).hasSize(3);
        assertThat(page2.hasMoreShards()).isFalse();
    }

    @Test
    void theLimitIsCappedAtOneHundred() {
        kinesis.call("CreateStream", create("s", 150));
        StreamDescription description = describe(new DescribeStreamRequest("s", 10_000, null, null, null));
        assertThat(description.shards()).hasSize(100);
        assertThat(description.hasMoreShards()).isTrue();
    }

    @Test
    void aNameContradictingTheArnIsAnInvalidArgument() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("DescribeStream", new DescribeStreamRequest("other", null, null, ARN, null),
                KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void anArnAddressesItsOwnAccount() {
        kinesis.call("CreateStream", create("s", 1));
        assertThat(kinesis.message("DescribeStream", new DescribeStreamRequest(null, null, null,
                "arn:aws:kinesis:us-east-1:999999999999:stream/s", null), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Stream s under account 999999999999 not found.");
    }
}
