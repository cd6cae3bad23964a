package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.StreamStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateMaxRecordSizeTest {
    private static final String ARN = PutResourcePolicyTest.ARN;
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    private static PutRecordRequest putBytes(int bytes) {
        return new PutRecordRequest("s", new byte[bytes], "k", null, null, null, null, null);
    }

    @Test
    void aLargerMaximumAdmitsRecordsTheDefaultRefused() {
        kinesis.call("CreateStream", create("s", 1));
        int twoMiB = 2 * 1024 * 1024;
        kinesis.fails("PutRecord", putBytes(twoMiB), KinesisError.INVALID_ARGUMENT);
        kinesis.call("UpdateMaxRecordSize", new UpdateMaxRecordSizeRequest(ARN, null, 4096));
        PutRecordResponse put = kinesis.call("PutRecord", putBytes(twoMiB));
        assertThat(put.shardId()).isEqualTo("shardId-000000000000");
        DescribeStreamSummaryResponse described = kinesis.call("DescribeStreamSummary", summary("s"));
        assertThat(described.streamDescriptionSummary().maxRecordSizeInKiB()).isEqualTo(4096);
        assertThat(described.streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void withoutAStreamArnTheRequestIsRefused() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("UpdateMaxRecordSize", new UpdateMaxRecordSizeRequest(null, null, 2048),
                KinesisError.INVALID_ARGUMENT);
    }
}
