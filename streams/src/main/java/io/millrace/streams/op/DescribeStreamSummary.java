package io.millrace.streams.op;

import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.model.StreamDescriptionSummary;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html">
 * DescribeStreamSummary</a>, what KCL 2+ reads. {@code StreamId} is never returned (see reference 1.6);
 * {@code RecordDistributionStrategy} only for ON_DEMAND streams. Thread-safe.
 */
public final class DescribeStreamSummary
        implements SyncOperation<DescribeStreamSummaryRequest, DescribeStreamSummaryResponse> {
    private final StreamRegistry streams;
    private final ConsumerRegistry consumers;

    DescribeStreamSummary(StreamRegistry streams, ConsumerRegistry consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    @Override
    public DescribeStreamSummaryResponse call(DescribeStreamSummaryRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        StreamMetadata stream = streams.require(key).metadata();
        int openShards = stream.status() == StreamStatus.CREATING ? 0 : (int) stream.openShardCount();
        return new DescribeStreamSummaryResponse(new StreamDescriptionSummary(stream.name(), stream.arn(),
                stream.status(), WireShapes.modeDetails(stream), stream.retentionHours(),
                WireShapes.creationTimestamp(stream), WireShapes.NO_ENHANCED_MONITORING, EncryptionType.NONE, null,
                openShards, consumers.list(stream).size(), stream.maxRecordSizeKiB(),
                stream.mode() == StreamMode.ON_DEMAND ? stream.distributionStrategy() : null));
    }
}
