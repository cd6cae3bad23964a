package io.millrace.streams.op;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.List;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeLimits.html">DescribeLimits</a>:
 * the configured limits and current usage of the caller's account in its region. Thread-safe.
 */
public final class DescribeLimits implements SyncOperation<DescribeLimitsRequest, DescribeLimitsResponse> {
    private final StreamRegistry streams;
    private final ChannelRegistry channels;
    private final EngineConfig config;

    DescribeLimits(StreamRegistry streams, ChannelRegistry channels, EngineConfig config) {
        this.streams = streams;
        this.channels = channels;
        this.config = config;
    }

    @Override
    public DescribeLimitsResponse call(DescribeLimitsRequest request, RequestContext context) {
        List<StreamMetadata> all = streams.list(context.accountId(), context.region()).stream()
                .map(Stream::metadata).toList();
        int openShards = (int) all.stream().mapToLong(StreamMetadata::openShardCount).sum();
        int onDemandStreams = (int) all.stream().filter(m -> m.mode() == StreamMode.ON_DEMAND).count();
        return new DescribeLimitsResponse(config.shardLimit(), openShards, onDemandStreams,
                config.onDemandStreamCountLimit(), channels.count(context.accountId(), context.region()),
                ChannelRegistry.CHANNEL_COUNT_LIMIT);
    }
}
