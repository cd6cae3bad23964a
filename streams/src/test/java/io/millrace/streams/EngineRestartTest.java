package io.millrace.streams;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.op.DescribeStreamSummaryResponse;
import io.millrace.streams.op.GetRecordsResponse;
import io.millrace.streams.op.GetShardIteratorResponse;
import io.millrace.streams.op.ListTagsForResourceRequest;
import io.millrace.streams.op.ListTagsForResourceResponse;
import io.millrace.streams.op.PutRecordResponse;
import io.millrace.streams.op.TagResourceRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.iterator;
import static io.millrace.streams.Requests.put;
import static io.millrace.streams.Requests.records;
import static io.millrace.streams.Requests.summary;
import static org.assertj.core.api.Assertions.assertThat;

class EngineRestartTest {

    @Test
    void streamsRecordsTagsAndIteratorsSurviveARestart() {
        try (EngineFixture kinesis = new EngineFixture()) {
            kinesis.call("CreateStream", create("s", 2));
            kinesis.call("TagResource", new TagResourceRequest(Map.of("k", "v"),
                    "arn:aws:kinesis:us-east-1:123456789012:stream/s", null));
            PutRecordResponse put = kinesis.call("PutRecord", put("s", "a", "before"));
            GetShardIteratorResponse iterator = kinesis.call("GetShardIterator",
                    iterator("s", put.shardId(), ShardIteratorType.TRIM_HORIZON));

            kinesis.restart();

            GetRecordsResponse read = kinesis.call("GetRecords", records(iterator.shardIterator()));
            assertThat(read.records()).extracting(r -> new String(r.data())).containsExactly("before");
            assertThat(read.records().get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());
            PutRecordResponse after = kinesis.call("PutRecord", put("s", "a", "after"));
            assertThat(after.sequenceNumber()).isGreaterThan(put.sequenceNumber());
            ListTagsForResourceResponse tags = kinesis.call("ListTagsForResource",
                    new ListTagsForResourceRequest("arn:aws:kinesis:us-east-1:123456789012:stream/s", null));
            assertThat(tags.tags()).hasSize(1);
        }
    }

    @Test
    void aStreamCreatingAtShutdownBecomesActiveOnTimeAfterRestart() {
        EngineConfig config = EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET)
                .withStreamDelaysMs(10_000, 0, 0);
        try (EngineFixture kinesis = new EngineFixture(new InMemoryLogStore(), config)) {
            kinesis.call("CreateStream", create("s", 1));
            kinesis.restart();
            DescribeStreamSummaryResponse creating = kinesis.call("DescribeStreamSummary", summary("s"));
            assertThat(creating.streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.CREATING);
            kinesis.clock.advanceMs(10_000);
            kinesis.engine().runMaintenance();
            DescribeStreamSummaryResponse active = kinesis.call("DescribeStreamSummary", summary("s"));
            assertThat(active.streamDescriptionSummary().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        }
    }
}
