package io.millrace.streams.limit;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.op.Operation;
import io.millrace.streams.op.RequestContext;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-account transactions-per-second limits of the control-plane operations (reference 5.4), opt-in: a call
 * over its operation's rate fails with {@code LimitExceededException} before the operation runs. Data-plane
 * operations (PutRecord(s), GetRecords, GetShardIterator, SubscribeToShard) have per-shard limits instead and are
 * not listed. One instance serves the whole table and decorates each listed operation.
 *
 * <p>Thread safety: thread-safe; each account's bucket for an operation changes atomically.
 */
public final class ControlPlaneRateLimit {
    /** Calls per second per account; the burst equals one second's worth. ListShards is 1000 per stream at AWS. */
    static final Map<String, Integer> TPS = Map.ofEntries(
            Map.entry("CreateStream", 5), Map.entry("DeleteStream", 5), Map.entry("ListStreams", 5),
            Map.entry("DescribeStream", 10), Map.entry("DescribeStreamSummary", 20), Map.entry("DescribeLimits", 1),
            Map.entry("ListShards", 1000), Map.entry("MergeShards", 5), Map.entry("SplitShard", 5),
            Map.entry("UpdateShardCount", 10), Map.entry("UpdateStreamMode", 5),
            Map.entry("AddTagsToStream", 5), Map.entry("RemoveTagsFromStream", 5), Map.entry("ListTagsForStream", 5),
            Map.entry("TagResource", 5), Map.entry("UntagResource", 5), Map.entry("ListTagsForResource", 5),
            Map.entry("IncreaseStreamRetentionPeriod", 5), Map.entry("DecreaseStreamRetentionPeriod", 5),
            Map.entry("StartStreamEncryption", 5), Map.entry("StopStreamEncryption", 5),
            Map.entry("EnableEnhancedMonitoring", 5), Map.entry("DisableEnhancedMonitoring", 5),
            Map.entry("PutResourcePolicy", 5), Map.entry("GetResourcePolicy", 5), Map.entry("DeleteResourcePolicy", 5),
            Map.entry("UpdateMaxRecordSize", 5), Map.entry("UpdateStreamWarmThroughput", 5),
            Map.entry("DescribeAccountSettings", 5), Map.entry("UpdateAccountSettings", 5),
            Map.entry("UpdateStreamRecordDistributionStrategy", 5),
            Map.entry("RegisterStreamConsumer", 5), Map.entry("DeregisterStreamConsumer", 5),
            Map.entry("ListStreamConsumers", 5), Map.entry("DescribeStreamConsumer", 20),
            Map.entry("CreateChannel", 5), Map.entry("DescribeChannel", 5), Map.entry("ListChannels", 5),
            Map.entry("UpdateChannel", 5), Map.entry("DeleteChannel", 5));

    private final Clock clock;
    private final Map<BucketKey, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ControlPlaneRateLimit(Clock clock) {
        this.clock = clock;
    }

    /** {@code operation} limited to its rate when {@code name} is a listed control-plane operation, else itself. */
    public <I, O> Operation<I, O> decorate(String name, Operation<I, O> operation) {
        Integer tps = TPS.get(name);
        if (tps == null) {
            return operation;
        }
        return (request, context) -> admit(name, tps, context)
                ? operation.execute(request, context)
                : CompletableFuture.failedFuture(rateExceeded(name, context));
    }

    private boolean admit(String name, int tps, RequestContext context) {
        long nowMs = clock.millis();
        boolean[] admitted = new boolean[1];
        buckets.compute(new BucketKey(context.accountId(), context.region(), name), (key, bucket) -> {
            TokenBucket current = (bucket == null ? TokenBucket.full(tps, tps, nowMs) : bucket).refill(nowMs);
            admitted[0] = current.admits(1);
            return admitted[0] ? current.take(1) : current;
        });
        return admitted[0];
    }

    private static RuntimeException rateExceeded(String name, RequestContext context) {
        // [UNVERIFIED] tail: AWS's per-API throttling texts start "Rate exceeded for" (reference 1.5).
        return KinesisError.LIMIT_EXCEEDED.exception("Rate exceeded for operation %s under account %s.", name,
                context.accountId());
    }

    private record BucketKey(String accountId, String region, String operation) {
    }

    /** For tests and documentation: the rate of {@code name}, or 0 when it is not limited here. */
    static int tps(String name) {
        return TPS.getOrDefault(name, 0);
    }
}
