package io.millrace.streams.op;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.account.AccountSettings;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.limit.ControlPlaneRateLimit;
import io.millrace.streams.limit.FaultInjection;
import io.millrace.streams.limit.FaultPlan;
import io.millrace.streams.limit.ShardThroughput;
import io.millrace.streams.consumer.FanOut;
import io.millrace.streams.position.NextTokenCodec;
import io.millrace.streams.position.ShardIteratorCodec;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;

/**
 * Builds the Kinesis operation table: one row per operation, each wrapped in the {@link StorageFaultBoundary} so
 * storage faults become InternalFailure in exactly one place, and in the opt-in control-plane rate limit and fault
 * injection decorators.
 */
public final class KinesisOperations {
    public static final String TARGET_PREFIX = "Kinesis_20131202";

    private KinesisOperations() {
    }

    public static OperationTable table(StreamRegistry streams, AccountSettings accounts, FanOut fanOut,
            ChannelRegistry channels, EngineConfig config, Clock clock) {
        byte[] secret = config.iteratorSecret();
        ShardIteratorCodec iterators = new ShardIteratorCodec(secret);
        PageTokens tokens = new PageTokens(new NextTokenCodec(secret), clock, config.nextTokenTtlMs());
        ShardThroughput throughput = config.limitsEnforced()
                ? ShardThroughput.enforced(clock) : ShardThroughput.unlimited();
        Rows rows = new Rows(OperationTable.builder(TARGET_PREFIX),
                config.limitsEnforced() ? new ControlPlaneRateLimit(clock) : null,
                new FaultInjection(config.faultPlan()));
        rows.add("CreateStream", CreateStreamRequest.class, new CreateStream(streams, config, clock));
        rows.add("DeleteStream", DeleteStreamRequest.class, new DeleteStream(streams, config, fanOut, channels));
        rows.add("DescribeStream", DescribeStreamRequest.class, new DescribeStream(streams, clock));
        rows.add("DescribeStreamSummary", DescribeStreamSummaryRequest.class,
                new DescribeStreamSummary(streams, accounts, fanOut.consumers(), channels, clock));
        rows.add("ListStreams", ListStreamsRequest.class, new ListStreams(streams, tokens));
        rows.add("ListShards", ListShardsRequest.class, new ListShards(streams, tokens, clock));
        rows.add("PutRecord", PutRecordRequest.class, new PutRecord(streams, throughput, clock));
        rows.add("PutRecords", PutRecordsRequest.class, new PutRecords(streams, throughput, clock));
        rows.add("GetShardIterator", GetShardIteratorRequest.class, new GetShardIterator(streams, iterators, clock));
        rows.add("GetRecords", GetRecordsRequest.class,
                new GetRecords(streams, iterators, throughput, clock, config.iteratorTtlMs()));
        rows.add("IncreaseStreamRetentionPeriod", IncreaseStreamRetentionPeriodRequest.class,
                new IncreaseStreamRetentionPeriod(streams, clock));
        rows.add("DecreaseStreamRetentionPeriod", DecreaseStreamRetentionPeriodRequest.class,
                new DecreaseStreamRetentionPeriod(streams, clock));
        rows.add("AddTagsToStream", AddTagsToStreamRequest.class, new AddTagsToStream(streams));
        rows.add("RemoveTagsFromStream", RemoveTagsFromStreamRequest.class, new RemoveTagsFromStream(streams));
        rows.add("ListTagsForStream", ListTagsForStreamRequest.class, new ListTagsForStream(streams));
        ResourceTags resourceTags = new ResourceTags(streams, fanOut.consumers(), channels);
        rows.add("TagResource", TagResourceRequest.class, new TagResource(resourceTags));
        rows.add("UntagResource", UntagResourceRequest.class, new UntagResource(resourceTags));
        rows.add("ListTagsForResource", ListTagsForResourceRequest.class, new ListTagsForResource(resourceTags));
        rows.add("DescribeLimits", DescribeLimitsRequest.class, new DescribeLimits(streams, channels, config));
        rows.add("DescribeAccountSettings", DescribeAccountSettingsRequest.class, new DescribeAccountSettings(accounts));
        addModelOperations(rows, streams, accounts, config, clock);
        rows.add("SplitShard", SplitShardRequest.class, new SplitShard(streams, config, clock));
        rows.add("MergeShards", MergeShardsRequest.class, new MergeShards(streams, config, clock));
        rows.add("UpdateShardCount", UpdateShardCountRequest.class, new UpdateShardCount(streams, config, clock));
        rows.add("UpdateStreamMode", UpdateStreamModeRequest.class, new UpdateStreamMode(streams, config, clock));
        addFanOut(rows, streams, fanOut, tokens, clock);
        addChannels(rows, streams, channels, tokens, config, clock);
        OperationTable table = rows.builder.build();
        for (FaultPlan.Rule rule : config.faultPlan().rules()) {
            if (table.lookup(rule.operation()) == null) {
                throw new IllegalArgumentException("fault rule operation: " + rule.operation()
                        + " (expected: an operation Millrace serves)");
            }
        }
        return table;
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

    /** Channels (reference 9.1, 9.2). */
    private static void addChannels(Rows rows, StreamRegistry streams, ChannelRegistry channels, PageTokens tokens,
            EngineConfig config, Clock clock) {
        rows.add("CreateChannel", CreateChannelRequest.class, new CreateChannel(streams, channels, config, clock));
        rows.add("DescribeChannel", DescribeChannelRequest.class, new DescribeChannel(channels));
        rows.add("ListChannels", ListChannelsRequest.class, new ListChannels(channels, tokens));
        rows.add("UpdateChannel", UpdateChannelRequest.class, new UpdateChannel(channels, config, clock));
        rows.add("DeleteChannel", DeleteChannelRequest.class, new DeleteChannel(channels, config, clock));
    }

    /** Encryption, monitoring, resource policies, stream and account settings (reference 3.1, 3.2, 3.8–3.10, 9.3). */
    private static void addModelOperations(Rows rows, StreamRegistry streams, AccountSettings accounts,
            EngineConfig config, Clock clock) {
        rows.add("StartStreamEncryption", StartStreamEncryptionRequest.class,
                new StartStreamEncryption(streams, config, clock));
        rows.add("StopStreamEncryption", StopStreamEncryptionRequest.class,
                new StopStreamEncryption(streams, config, clock));
        rows.add("EnableEnhancedMonitoring", EnableEnhancedMonitoringRequest.class,
                new EnableEnhancedMonitoring(streams));
        rows.add("DisableEnhancedMonitoring", DisableEnhancedMonitoringRequest.class,
                new DisableEnhancedMonitoring(streams));
        rows.add("PutResourcePolicy", PutResourcePolicyRequest.class, new PutResourcePolicy(streams));
        rows.add("GetResourcePolicy", GetResourcePolicyRequest.class, new GetResourcePolicy(streams));
        rows.add("DeleteResourcePolicy", DeleteResourcePolicyRequest.class, new DeleteResourcePolicy(streams));
        rows.add("UpdateMaxRecordSize", UpdateMaxRecordSizeRequest.class, new UpdateMaxRecordSize(streams));
        rows.add("UpdateStreamWarmThroughput", UpdateStreamWarmThroughputRequest.class,
                new UpdateStreamWarmThroughput(streams, accounts, config, clock));
        rows.add("UpdateAccountSettings", UpdateAccountSettingsRequest.class,
                new UpdateAccountSettings(accounts, clock));
        rows.add("UpdateStreamRecordDistributionStrategy", UpdateStreamRecordDistributionStrategyRequest.class,
                new UpdateStreamRecordDistributionStrategy(streams));
    }

    /**
     * Adds rows through the decorator chain, outermost first: fault injection (opt-in), control-plane rate limits
     * (opt-in; {@code rateLimit} is null when off), then the storage-fault boundary around the operation itself.
     */
    private record Rows(OperationTable.Builder builder, ControlPlaneRateLimit rateLimit, FaultInjection faults) {
        <I, O> void add(String name, Class<I> requestType, Operation<I, O> operation) {
            Operation<I, O> decorated = StorageFaultBoundary.wrap(operation);
            if (rateLimit != null) {
                decorated = rateLimit.decorate(name, decorated);
            }
            builder.add(name, requestType, faults.decorate(name, decorated));
        }
    }
}
