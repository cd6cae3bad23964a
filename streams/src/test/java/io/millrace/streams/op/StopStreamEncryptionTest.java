package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.EncryptionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class StopStreamEncryptionTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static StopStreamEncryptionRequest stop(EncryptionType type) {
        return new StopStreamEncryptionRequest("s", type, StartStreamEncryptionTest.KEY, null, null);
    }

    @Test
    void stoppingReturnsTheStreamToNoEncryptionAndRecordsStopReportingKms() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("StartStreamEncryption", StartStreamEncryptionTest.start("s"));
        kinesis.call("StopStreamEncryption", stop(EncryptionType.KMS));
        DescribeStreamSummaryResponse described = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(described.streamDescriptionSummary().encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(described.streamDescriptionSummary().keyId()).isNull();
        PutRecordResponse put = kinesis.call("PutRecord", put("s", "k", "v"));
        assertThat(put.encryptionType()).isNull();
    }

    @Test
    void onlyKmsIsAccepted() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("StopStreamEncryption", stop(EncryptionType.NONE), KinesisError.INVALID_ARGUMENT);
    }
}
