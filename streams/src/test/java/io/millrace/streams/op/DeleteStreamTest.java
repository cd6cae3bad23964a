package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.StreamStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class DeleteStreamTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void aDeletedStreamIsGone() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("DeleteStream", new DeleteStreamRequest("s", null, null, null));
        assertThat(kinesis.message("DescribeStreamSummary", summary("s"), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Stream s under account 123456789012 not found.");
        assertThat(kinesis.store.metadata().loadAll()).isEmpty();
    }

    @Test
    void deletingAMissingStreamIsResourceNotFound() {
        assertThat(kinesis.message("DeleteStream", new DeleteStreamRequest("nope", true, null, null),
                KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("Stream nope under account 123456789012 not found.");
    }

    @Test
    void aStreamCanBeDeletedByArn() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("DeleteStream", new DeleteStreamRequest(null, null,
                "arn:aws:kinesis:us-east-1:123456789012:stream/s", null));
        kinesis.fails("DescribeStreamSummary", summary("s"), KinesisError.RESOURCE_NOT_FOUND);
    }

    @Test
    void namingNoStreamIsAnInvalidArgument() {
        kinesis.fails("DeleteStream", new DeleteStreamRequest(null, null, null, null), KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void aStreamIsDeletingUntilTheDelayPasses() {
        try (EngineFixture delayed = new EngineFixture(new InMemoryLogStore(), EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET).withStreamDelaysMs(0, 1000, 0))) {
            delayed.call("CreateStream", create("s", 1));
            delayed.call("DeleteStream", new DeleteStreamRequest("s", null, null, null));
            DescribeStreamSummaryResponse deleting = delayed.call("DescribeStreamSummary", summary("s"));
            assertThat(deleting.streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.DELETING);
            delayed.clock.advanceMs(1000);
            delayed.fails("DescribeStreamSummary", summary("s"), KinesisError.RESOURCE_NOT_FOUND);
        }
    }

    @Test
    void aStreamWithConsumersIsDeletedOnlyWhenConsumerDeletionIsEnforced() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("RegisterStreamConsumer", io.millrace.streams.Requests.register("s", "app"));
        assertThat(kinesis.message("DeleteStream", new DeleteStreamRequest("s", null, null, null),
                KinesisError.RESOURCE_IN_USE)).isEqualTo("Stream s under account 123456789012 has registered "
                + "consumers. Deregister them first, or set EnforceConsumerDeletion.");
        kinesis.call("DeleteStream", new DeleteStreamRequest("s", true, null, null));
        assertThat(kinesis.store.metadata().loadAll()).isEmpty();
        kinesis.call("CreateStream", create("s", 1));
        ListStreamConsumersResponse listed = kinesis.call("ListStreamConsumers", new ListStreamConsumersRequest(
                io.millrace.streams.Requests.STREAM_ARN_PREFIX + "s", null, null, null, null));
        assertThat(listed.consumers()).isEmpty();
    }
}
