package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.FailingLogStore;
import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.shard.HashKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.putExplicit;
import static org.assertj.core.api.Assertions.assertThat;

class PutRecordTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void aRecordGetsA56DigitSequenceNumberOfItsShard() {
        kinesis.call("CreateStream", create("s", 3));
        PutRecordResponse first = kinesis.call("PutRecord", putExplicit("s", HashKey.MAX.toString(), "a"));
        PutRecordResponse second = kinesis.call("PutRecord", putExplicit("s", HashKey.MAX.toString(), "b"));
        assertThat(first.shardId()).isEqualTo("shardId-000000000002");
        assertThat(first.sequenceNumber()).hasSize(56);
        assertThat(first.encryptionType()).isNull();
        assertThat(new BigInteger(second.sequenceNumber())).isGreaterThan(new BigInteger(first.sequenceNumber()));
        assertThat(SequenceNumberCodec.decode(first.sequenceNumber()).orElseThrow().shardIndex()).isEqualTo(2);
    }

    @Test
    void aDryRunIsRefusedWithDryRunOperationAndWritesNothing() {
        kinesis.call("CreateStream", create("s", 1));
        PutRecordRequest dryRun = new PutRecordRequest("s", new byte[] {1}, "k", null, null, null, null, true);
        assertThat(kinesis.message("PutRecord", dryRun, KinesisError.DRY_RUN_OPERATION))
                .isEqualTo("Request would have succeeded, but DryRun flag is set.");
        PutRecordResponse real = kinesis.call("PutRecord", put("s", "k", "x"));
        assertThat(SequenceNumberCodec.decode(real.sequenceNumber()).orElseThrow().sequenceIndex())
                .as("the dry run took no position").isEqualTo(1);
    }

    @Test
    void partitionKeysAreRoutedByTheirMd5() {
        kinesis.call("CreateStream", create("s", 4));
        // MD5("a") = 0cc175b9... which lies in the first quarter of the hash space.
        PutRecordResponse response = kinesis.call("PutRecord", put("s", "a", "data"));
        assertThat(response.shardId()).isEqualTo("shardId-000000000000");
    }

    @Test
    void anExplicitHashKeyOutsideTheSpaceIsRefused() {
        kinesis.call("CreateStream", create("s", 1));
        String tooBig = HashKey.SPACE_SIZE.toString();
        assertThat(kinesis.message("PutRecord", putExplicit("s", tooBig, "d"), KinesisError.INVALID_ARGUMENT))
                .isEqualTo("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
                        + "Specified value was 340282366920938463463374607431768211456");
    }

    @Test
    void anUndecodableSequenceNumberForOrderingIsRefused() {
        kinesis.call("CreateStream", create("s", 1));
        PutRecordRequest request = new PutRecordRequest("s", new byte[0], "k", null, "1234", null, null, null);
        assertThat(kinesis.message("PutRecord", request, KinesisError.INVALID_ARGUMENT)).isEqualTo(
                "ExclusiveMinimumSequenceNumber 1234 used in PutRecord on stream s under account 123456789012 "
                + "is invalid.");
    }

    @Test
    void aValidSequenceNumberForOrderingIsAcceptedAndTheNewNumberIsGreater() {
        kinesis.call("CreateStream", create("s", 1));
        PutRecordResponse first = kinesis.call("PutRecord", put("s", "k", "1"));
        PutRecordResponse second = kinesis.call("PutRecord",
                new PutRecordRequest("s", new byte[] {2}, "k", null, first.sequenceNumber(), null, null, null));
        assertThat(new BigInteger(second.sequenceNumber())).isGreaterThan(new BigInteger(first.sequenceNumber()));
    }

    @Test
    void puttingToAMissingStreamIsResourceNotFound() {
        assertThat(kinesis.message("PutRecord", put("nope", "k", "d"), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Stream nope under account 123456789012 not found.");
    }

    @Test
    void recordsLargerThanTheStreamMaximumAreRefused() {
        kinesis.call("CreateStream", create("s", 1));
        byte[] data = new byte[1024 * 1024];
        kinesis.call("PutRecord", new PutRecordRequest("s", new byte[1024 * 1024 - 1], "k", null, null, null, null,
                null));
        kinesis.fails("PutRecord", new PutRecordRequest("s", data, "k", null, null, null, null, null),
                KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void aRecordThatNeverBecomesDurableIsAnInternalFailure() {
        FailingLogStore store = new FailingLogStore();
        store.undurableShards.add(0);
        try (EngineFixture failing = new EngineFixture(store, EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET))) {
            failing.call("CreateStream", create("s", 1));
            assertThat(failing.message("PutRecord", put("s", "k", "d"), KinesisError.INTERNAL_FAILURE))
                    .isEqualTo("Internal Service Failure");
        }
    }

    @Test
    void anAppendThatThrowsIsAnInternalFailure() {
        FailingLogStore store = new FailingLogStore();
        store.brokenShards.add(0);
        try (EngineFixture failing = new EngineFixture(store, EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET))) {
            failing.call("CreateStream", create("s", 1));
            failing.fails("PutRecord", put("s", "k", "d"), KinesisError.INTERNAL_FAILURE);
        }
    }
}
