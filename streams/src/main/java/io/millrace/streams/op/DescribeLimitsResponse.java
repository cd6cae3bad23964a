package io.millrace.streams.op;

/** Output of DescribeLimits. */
public record DescribeLimitsResponse(Integer shardLimit, Integer openShardCount, Integer onDemandStreamCount,
        Integer onDemandStreamCountLimit, Integer channelCount, Integer channelCountLimit) {
}
