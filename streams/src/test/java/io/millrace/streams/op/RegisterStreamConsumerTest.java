package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.consumer.FanOutConfig;
import io.millrace.streams.model.Consumer;
import io.millrace.streams.model.ConsumerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.describeConsumer;
import static io.millrace.streams.Requests.register;
import static org.assertj.core.api.Assertions.assertThat;

class RegisterStreamConsumerTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void aConsumerIsActiveAtOnceByDefaultAndItsArnCarriesTheCreationSeconds() {
        kinesis.call("CreateStream", create("s", 1));
        RegisterStreamConsumerResponse response = kinesis.call("RegisterStreamConsumer", register("s", "app"));
        Consumer consumer = response.consumer();
        assertThat(consumer.consumerName()).isEqualTo("app");
        assertThat(consumer.consumerARN()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/app:"
                + EngineFixture.START_MS / 1000);
        assertThat(consumer.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(consumer.consumerCreationTimestamp()).isEqualTo(Instant.ofEpochMilli(EngineFixture.START_MS));
    }

    @Test
    void registeringATakenNameIsResourceInUse() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("RegisterStreamConsumer", register("s", "app"));
        assertThat(kinesis.message("RegisterStreamConsumer", register("s", "app"), KinesisError.RESOURCE_IN_USE))
                .isEqualTo("Consumer app under stream s and account 123456789012 already exists.");
    }

    @Test
    void registeringOnAMissingStreamIsResourceNotFound() {
        assertThat(kinesis.message("RegisterStreamConsumer", register("nope", "app"),
                KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("Stream nope under account 123456789012 not found.");
    }

    @Test
    void aStreamTakesAtMostTwentyConsumers() {
        kinesis.call("CreateStream", create("s", 1));
        for (int i = 0; i < 20; i++) {
            kinesis.call("RegisterStreamConsumer", register("s", "c" + i));
        }
        assertThat(kinesis.message("RegisterStreamConsumer", register("s", "c20"), KinesisError.LIMIT_EXCEEDED))
                .isEqualTo("Stream s under account 123456789012 already has 20 registered consumers, the maximum "
                        + "allowed.");
    }

    @Test
    void aConsumerIsCreatingUntilTheDelayPassesAndAtMostFiveAreCreatingAtOnce() {
        try (EngineFixture delayed = new EngineFixture(new InMemoryLogStore(),
                EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET),
                FanOutConfig.defaults().withConsumerStatusDelayMs(1000))) {
            delayed.call("CreateStream", create("s", 1));
            for (int i = 0; i < 5; i++) {
                RegisterStreamConsumerResponse r = delayed.call("RegisterStreamConsumer", register("s", "c" + i));
                assertThat(r.consumer().consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
            }
            assertThat(delayed.message("RegisterStreamConsumer", register("s", "c5"), KinesisError.LIMIT_EXCEEDED))
                    .isEqualTo("Account 123456789012 already has 5 consumers in CREATING status; wait until they "
                            + "are ACTIVE.");
            delayed.clock.advanceMs(1000);
            RegisterStreamConsumerResponse sixth = delayed.call("RegisterStreamConsumer", register("s", "c5"));
            DescribeStreamConsumerResponse first = delayed.call("DescribeStreamConsumer",
                    describeConsumer(arnOf(delayed, "c0")));
            assertThat(first.consumerDescription().consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
            assertThat(sixth.consumer().consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        }
    }

    @Test
    void consumersSurviveARestart() {
        kinesis.call("CreateStream", create("s", 1));
        String arn = ((RegisterStreamConsumerResponse) kinesis.call("RegisterStreamConsumer", register("s", "app")))
                .consumer().consumerARN();
        kinesis.restart();
        DescribeStreamConsumerResponse described = kinesis.call("DescribeStreamConsumer", describeConsumer(arn));
        assertThat(described.consumerDescription().consumerARN()).isEqualTo(arn);
    }

    private static String arnOf(EngineFixture fixture, String name) {
        return "arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/" + name + ":" + EngineFixture.START_MS / 1000;
    }
}
