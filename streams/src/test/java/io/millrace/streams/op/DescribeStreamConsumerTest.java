package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.ConsumerDescription;
import io.millrace.streams.model.ConsumerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.STREAM_ARN_PREFIX;
import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.describeConsumer;
import static io.millrace.streams.Requests.register;
import static org.assertj.core.api.Assertions.assertThat;

class DescribeStreamConsumerTest {
    private final EngineFixture kinesis = new EngineFixture();
    private String arn;

    @BeforeEach
    void registerOne() {
        kinesis.call("CreateStream", create("s", 1));
        arn = ((RegisterStreamConsumerResponse) kinesis.call("RegisterStreamConsumer", register("s", "app")))
                .consumer().consumerARN();
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void aConsumerIsDescribedByItsArn() {
        ConsumerDescription described = ((DescribeStreamConsumerResponse) kinesis.call("DescribeStreamConsumer",
                describeConsumer(arn))).consumerDescription();
        assertThat(described.consumerName()).isEqualTo("app");
        assertThat(described.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(described.streamARN()).isEqualTo(STREAM_ARN_PREFIX + "s");
    }

    @Test
    void aConsumerIsDescribedByStreamArnAndNameAndByAllThreeWhenTheyAgree() {
        DescribeStreamConsumerResponse byName = kinesis.call("DescribeStreamConsumer",
                new DescribeStreamConsumerRequest(STREAM_ARN_PREFIX + "s", "app", null, null));
        DescribeStreamConsumerResponse byAll = kinesis.call("DescribeStreamConsumer",
                new DescribeStreamConsumerRequest(STREAM_ARN_PREFIX + "s", "app", arn, null));
        assertThat(byName.consumerDescription().consumerARN()).isEqualTo(arn);
        assertThat(byAll).isEqualTo(byName);
    }

    @Test
    void anUnknownNameIsResourceNotFound() {
        assertThat(kinesis.message("DescribeStreamConsumer",
                new DescribeStreamConsumerRequest(STREAM_ARN_PREFIX + "s", "other", null, null),
                KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Consumer other under stream s and account 123456789012 not found.");
    }

    @Test
    void anArnOfAnEarlierIncarnationIsResourceNotFound() {
        String stale = arn.substring(0, arn.lastIndexOf(':') + 1) + "1";
        assertThat(kinesis.message("DescribeStreamConsumer", describeConsumer(stale),
                KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("Consumer " + stale + " not found.");
    }

    @Test
    void neitherArnNorStreamAndNameIsAnInvalidArgument() {
        assertThat(kinesis.message("DescribeStreamConsumer",
                new DescribeStreamConsumerRequest(STREAM_ARN_PREFIX + "s", null, null, null),
                KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
    }

    @Test
    void aNameContradictingTheArnIsAnInvalidArgument() {
        assertThat(kinesis.message("DescribeStreamConsumer",
                new DescribeStreamConsumerRequest(null, "other", arn, null), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("ConsumerARN " + arn + " does not match the StreamARN or ConsumerName given.");
    }
}
