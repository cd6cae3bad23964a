package io.millrace.streams.op;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.model.StreamStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.iterator;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.records;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class StartStreamEncryptionTest {
    static final String KEY = "alias/aws/kinesis";
    private final EngineFixture kinesis = new EngineFixture(new InMemoryLogStore(),
            EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET).withStreamDelaysMs(0, 0, 1_000));

    @AfterEach
    void close() {
        kinesis.close();
    }

    static StartStreamEncryptionRequest start(String stream) {
        return new StartStreamEncryptionRequest(stream, EncryptionType.KMS, KEY, null, null);
    }

    private DescribeStreamSummaryResponse describe() {
        return kinesis.call("DescribeStreamSummary", summary("s"));
    }

    @Test
    void theStreamIsUpdatingForTheDelayThenActiveWithKmsAndTheKey() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("StartStreamEncryption", start("s"));
        assertThat(describe().streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.UPDATING);
        assertThat(describe().streamDescriptionSummary().encryptionType()).isEqualTo(EncryptionType.KMS);
        kinesis.clock.advanceMs(1_000);
        assertThat(describe().streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        DescribeStreamResponse full = kinesis.call("DescribeStream", new DescribeStreamRequest("s", null, null, null, null));
        assertThat(full.streamDescription().encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(full.streamDescription().keyId()).isEqualTo(KEY);
    }

    @Test
    void recordsWrittenOnceEncryptionIsInEffectReportKmsAndEarlierOnesDoNot() {
        kinesis.call("CreateStream", create("s", 1));
        PutRecordResponse before = kinesis.call("PutRecord", put("s", "k", "plain"));
        kinesis.call("StartStreamEncryption", start("s"));
        kinesis.clock.advanceMs(1_000);
        PutRecordResponse after = kinesis.call("PutRecord", put("s", "k", "secret"));
        PutRecordsResponse batch = kinesis.call("PutRecords", new PutRecordsRequest(java.util.List.of(
                new io.millrace.streams.model.PutRecordsRequestEntry(new byte[1], null, "k")), "s", null, null, null));
        assertThat(before.encryptionType()).isNull();
        assertThat(after.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(batch.encryptionType()).isEqualTo(EncryptionType.KMS);
        GetShardIteratorResponse it = kinesis.call("GetShardIterator",
                iterator("s", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
        GetRecordsResponse read = kinesis.call("GetRecords", records(it.shardIterator()));
        assertThat(read.records()).extracting(io.millrace.streams.model.Record::encryptionType)
                .containsExactly(null, EncryptionType.KMS, EncryptionType.KMS);
    }

    @Test
    void aStreamThatIsNotActiveIsRefused() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("StartStreamEncryption", start("s"));
        assertThat(kinesis.message("StartStreamEncryption", start("s"), KinesisError.RESOURCE_IN_USE))
                .isEqualTo("Stream s under account 123456789012 not ACTIVE, instead in state UPDATING");
    }

    @Test
    void onlyKmsIsAccepted() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("StartStreamEncryption", new StartStreamEncryptionRequest("s", EncryptionType.NONE, KEY, null,
                null), KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void anUnknownStreamIsNotFound() {
        assertThat(kinesis.message("StartStreamEncryption", start("nope"), KinesisError.RESOURCE_NOT_FOUND))
                .isEqualTo("Stream nope under account 123456789012 not found.");
    }

    @Test
    void encryptionSurvivesARestart() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("StartStreamEncryption", start("s"));
        kinesis.restart();
        kinesis.clock.advanceMs(1_000);
        assertThat(describe().streamDescriptionSummary().keyId()).isEqualTo(KEY);
        assertThat(describe().streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    }
}
