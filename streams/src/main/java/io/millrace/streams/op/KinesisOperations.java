package io.millrace.streams.op;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.consumer.FanOut;
import io.millrace.streams.position.NextTokenCodec;
import io.millrace.streams.position.ShardIteratorCodec;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;

/**
 * Builds the Kinesis operation table: one row per operation, each wrapped in the {@link StorageFaultBoundary} so
 * storage faults become InternalFailure in exactly one place.
 */
public final class KinesisOperations {
    public static final String TARGET_PREFIX = "Kinesis_20131202";

    private KinesisOperations() {
    }

    public static OperationTable table(StreamRegistry streams, FanOut fanOut, EngineConfig config, Clock clock) {
        byte[] secret = config.iteratorSecret();
        ShardIteratorCodec iterators = new ShardIteratorCodec(secret);
        PageTokens tokens = new PageTokens(new NextTokenCodec(secret), clock, config.nextTokenTtlMs());
        Rows rows = new Rows(OperationTable.builder(TARGET_PREFIX));
        rows.add("CreateStream", CreateStreamRequest.class, new CreateStream(streams, config, clock));
        rows.add("DeleteStream", DeleteStreamRequest.class, new DeleteStream(streams, config, fanOut));
        rows.add("DescribeStream", DescribeStreamRequest.class, new DescribeStream(streams, clock));
        rows.add("DescribeStreamSummary", DescribeStreamSummaryRequest.class,
                new DescribeStreamSummary(streams, fanOut.consumers()));
        rows.add("ListStreams", ListStreamsRequest.class, new ListStreams(streams, tokens));
        rows.add("ListShards", ListShardsRequest.class, new ListShards(streams, tokens, clock));
        rows.add("PutRecord", PutRecordRequest.class, new PutRecord(streams, clock));
        rows.add("PutRecords", PutRecordsRequest.class, new PutRecords(streams, clock));
        rows.add("GetShardIterator", GetShardIteratorRequest.class, new GetShardIterator(streams, iterators, clock));
        rows.add("GetRecords", GetRecordsRequest.class,
                new GetRecords(streams, iterators, clock, config.iteratorTtlMs()));
        rows.add("IncreaseStreamRetentionPeriod", IncreaseStreamRetentionPeriodRequest.class,
                new IncreaseStreamRetentionPeriod(streams, clock));
        rows.add("DecreaseStreamRetentionPeriod", DecreaseStreamRetentionPeriodRequest.class,
                new DecreaseStreamRetentionPeriod(streams, clock));
        rows.add("AddTagsToStream", AddTagsToStreamRequest.class, new AddTagsToStream(streams));
        rows.add("RemoveTagsFromStream", RemoveTagsFromStreamRequest.class, new RemoveTagsFromStream(streams));
        rows.add("ListTagsForStream", ListTagsForStreamRequest.class, new ListTagsForStream(streams));
        rows.add("TagResource", TagResourceRequest.class, new TagResource(streams));
        rows.add("UntagResource", UntagResourceRequest.class, new UntagResource(streams));
        rows.add("ListTagsForResource", ListTagsForResourceRequest.class, new ListTagsForResource(streams));
        rows.add("DescribeLimits", DescribeLimitsRequest.class, new DescribeLimits(streams, config));
        rows.add("DescribeAccountSettings", DescribeAccountSettingsRequest.class, new DescribeAccountSettings());
        addFanOut(rows, streams, fanOut, tokens, clock);
        return rows.builder.build();
    }

    private static void addFanOut(Rows rows, StreamRegistry streams, FanOut fanOut, PageTokens tokens, Clock clock) {
        ConsumerLookup lookup = new ConsumerLookup(streams, fanOut.consumers());
        rows.add("RegisterStreamConsumer", RegisterStreamConsumerRequest.class,
                new RegisterStreamConsumer(streams, fanOut.consumers()));
        rows.add("DescribeStreamConsumer", DescribeStreamConsumerRequest.class, new DescribeStreamConsumer(lookup));
        rows.add("ListStreamConsumers", ListStreamConsumersRequest.class,
                new ListStreamConsumers(streams, fanOut.consumers(), tokens));
        rows.add("DeregisterStreamConsumer", DeregisterStreamConsumerRequest.class,
                new DeregisterStreamConsumer(lookup, fanOut.consumers(), fanOut.subscriptions()));
        rows.add("SubscribeToShard", SubscribeToShardRequest.class,
                new SubscribeToShard(streams, fanOut.consumers(), fanOut.subscriptions(), clock));
    }

    /** Adds rows through the storage-fault boundary. */
    private record Rows(OperationTable.Builder builder) {
        <I, O> void add(String name, Class<I> requestType, Operation<I, O> operation) {
            builder.add(name, requestType, StorageFaultBoundary.wrap(operation));
        }
    }
}
