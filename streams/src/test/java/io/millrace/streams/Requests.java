package io.millrace.streams;

import io.millrace.streams.model.ShardIteratorType;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamModeDetails;
import io.millrace.streams.op.CreateStreamRequest;
import io.millrace.streams.op.DescribeStreamSummaryRequest;
import io.millrace.streams.op.GetRecordsRequest;
import io.millrace.streams.op.GetShardIteratorRequest;
import io.millrace.streams.op.PutRecordRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Short constructors for the requests tests use most. */
public final class Requests {

    private Requests() {
    }

    public static CreateStreamRequest create(String name, int shards) {
        return new CreateStreamRequest(name, shards, null, null, null, null, null);
    }

    public static CreateStreamRequest createOnDemand(String name) {
        return new CreateStreamRequest(name, null, new StreamModeDetails(StreamMode.ON_DEMAND), null, null, null,
                null);
    }

    public static DescribeStreamSummaryRequest summary(String name) {
        return new DescribeStreamSummaryRequest(name, null, null);
    }

    public static PutRecordRequest put(String name, String partitionKey, String data) {
        return new PutRecordRequest(name, data.getBytes(StandardCharsets.UTF_8), partitionKey, null, null, null,
                null, null);
    }

    public static PutRecordRequest putExplicit(String name, String explicitHashKey, String data) {
        return new PutRecordRequest(name, data.getBytes(StandardCharsets.UTF_8), "key", explicitHashKey, null, null,
                null, null);
    }

    public static GetShardIteratorRequest iterator(String name, String shardId, ShardIteratorType type) {
        return new GetShardIteratorRequest(name, shardId, type, null, null, null, null, null);
    }

    public static GetShardIteratorRequest iteratorAt(String name, String shardId, ShardIteratorType type,
            String sequenceNumber) {
        return new GetShardIteratorRequest(name, shardId, type, sequenceNumber, null, null, null, null);
    }

    public static GetShardIteratorRequest iteratorAtTime(String name, String shardId, Instant timestamp) {
        return new GetShardIteratorRequest(name, shardId, ShardIteratorType.AT_TIMESTAMP, null, timestamp, null,
                null, null);
    }

    public static GetRecordsRequest records(String iterator) {
        return new GetRecordsRequest(iterator, null, null, null, null);
    }

    public static GetRecordsRequest records(String iterator, int limit) {
        return new GetRecordsRequest(iterator, limit, null, null, null);
    }

    public static final String STREAM_ARN_PREFIX = "arn:aws:kinesis:us-east-1:123456789012:stream/";

    public static io.millrace.streams.op.RegisterStreamConsumerRequest register(String stream, String consumer) {
        return new io.millrace.streams.op.RegisterStreamConsumerRequest(STREAM_ARN_PREFIX + stream, consumer, null,
                null);
    }

    public static io.millrace.streams.op.DescribeStreamConsumerRequest describeConsumer(String consumerArn) {
        return new io.millrace.streams.op.DescribeStreamConsumerRequest(null, null, consumerArn, null);
    }

    public static io.millrace.streams.op.SubscribeToShardRequest subscribe(String consumerArn, String shardId,
            ShardIteratorType type, String sequenceNumber) {
        return new io.millrace.streams.op.SubscribeToShardRequest(consumerArn, null, shardId,
                new io.millrace.streams.model.StartingPosition(type, sequenceNumber, null));
    }
}
