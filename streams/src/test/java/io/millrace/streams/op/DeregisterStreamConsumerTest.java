package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.CollectingSubscriber;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.consumer.FanOutConfig;
import io.millrace.streams.model.ConsumerStatus;
import io.millrace.streams.model.ShardIteratorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.STREAM_ARN_PREFIX;
import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.describeConsumer;
import static io.millrace.streams.Requests.register;
import static io.millrace.streams.Requests.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

class DeregisterStreamConsumerTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void aDeregisteredConsumerIsGoneAndItsNameCanBeRegisteredAgain() {
        kinesis.call("CreateStream", create("s", 1));
        String arn = registerApp(kinesis);
        kinesis.call("DeregisterStreamConsumer", new DeregisterStreamConsumerRequest(null, null, arn, null));
        assertThat(kinesis.message("DescribeStreamConsumer", describeConsumer(arn), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Consumer " + arn + " not found.");
        kinesis.call("RegisterStreamConsumer", register("s", "app"));
    }

    @Test
    void aConsumerIsDeletingUntilTheDelayPasses() {
        try (EngineFixture delayed = new EngineFixture(new InMemoryLogStore(),
                EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET),
                FanOutConfig.defaults().withConsumerStatusDelayMs(1000))) {
            delayed.call("CreateStream", create("s", 1));
            delayed.call("RegisterStreamConsumer", register("s", "app"));
            delayed.clock.advanceMs(1000);
            delayed.call("DeregisterStreamConsumer",
                    new DeregisterStreamConsumerRequest(STREAM_ARN_PREFIX + "s", "app", null, null));
            DescribeStreamConsumerResponse deleting = delayed.call("DescribeStreamConsumer",
                    new DescribeStreamConsumerRequest(STREAM_ARN_PREFIX + "s", "app", null, null));
            assertThat(deleting.consumerDescription().consumerStatus()).isEqualTo(ConsumerStatus.DELETING);
            delayed.clock.advanceMs(1000);
            delayed.fails("DescribeStreamConsumer",
                    new DescribeStreamConsumerRequest(STREAM_ARN_PREFIX + "s", "app", null, null),
                    KinesisError.RESOURCE_NOT_FOUND);
        }
    }

    @Test
    void deregisteringEndsTheConsumersSubscriptionsWithAnExceptionEvent() {
        kinesis.call("CreateStream", create("s", 1));
        String arn = registerApp(kinesis);
        CollectingSubscriber subscriber = CollectingSubscriber.to(kinesis.call("SubscribeToShard",
                subscribe(arn, "shardId-000000000000", ShardIteratorType.LATEST, null)));
        kinesis.call("DeregisterStreamConsumer", new DeregisterStreamConsumerRequest(null, null, arn, null));
        assertThat(subscriber.error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) subscriber.error).error()).isEqualTo(KinesisError.RESOURCE_NOT_FOUND);
        assertThat(((ApiException) subscriber.error).wireMessage()).isEqualTo("Consumer " + arn
                + " was deregistered.");
        assertThat(kinesis.engine().fanOut().subscriptions().size()).isZero();
    }

    @Test
    void deregisteringAnUnknownConsumerIsResourceNotFound() {
        kinesis.call("CreateStream", create("s", 1));
        assertThat(kinesis.message("DeregisterStreamConsumer",
                new DeregisterStreamConsumerRequest(STREAM_ARN_PREFIX + "s", "app", null, null),
                KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Consumer app under stream s and account 123456789012 not found.");
    }

    static String registerApp(EngineFixture kinesis) {
        return ((RegisterStreamConsumerResponse) kinesis.call("RegisterStreamConsumer", register("s", "app")))
                .consumer().consumerARN();
    }
}
