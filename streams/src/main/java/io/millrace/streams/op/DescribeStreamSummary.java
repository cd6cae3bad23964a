package io.millrace.streams.op;

import io.millrace.streams.account.AccountSettings;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.consumer.ConsumerRegistry;
import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.model.StreamDescriptionSummary;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.model.WarmThroughputObject;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;
import io.millrace.streams.stream.StreamSettings;

import java.time.Clock;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html">
 * DescribeStreamSummary</a>, what KCL 2+ reads. {@code StreamId} is never returned (see reference 1.6);
 * {@code RecordDistributionStrategy} only for ON_DEMAND streams, {@code WarmThroughput} only for ON_DEMAND streams
 * of accounts with a billing commitment. Thread-safe.
 */
public final class DescribeStreamSummary
        implements SyncOperation<DescribeStreamSummaryRequest, DescribeStreamSummaryResponse> {
    private final StreamRegistry streams;
    private final AccountSettings accounts;
    private final ConsumerRegistry consumers;
    private final ChannelRegistry channels;
    private final Clock clock;

    DescribeStreamSummary(StreamRegistry streams, AccountSettings accounts, ConsumerRegistry consumers,
            ChannelRegistry channels, Clock clock) {
        this.streams = streams;
        this.accounts = accounts;
        this.consumers = consumers;
        this.channels = channels;
        this.clock = clock;
    }

    @Override
    public DescribeStreamSummaryResponse call(DescribeStreamSummaryRequest request, RequestContext context) {
        StreamKey key = StreamKey.resolve(request.streamName(), request.streamARN(), context.accountId(),
                context.region());
        StreamMetadata stream = streams.require(key).metadata();
        boolean onDemand = stream.mode() == StreamMode.ON_DEMAND;
        int openShards = stream.status() == StreamStatus.CREATING ? 0 : (int) stream.openShardCount();
        return new DescribeStreamSummaryResponse(new StreamDescriptionSummary(stream.name(), stream.arn(),
                stream.status(), WireShapes.modeDetails(stream), stream.retentionHours(),
                WireShapes.creationTimestamp(stream), WireShapes.enhancedMonitoring(stream),
                stream.settings().encryptionType(), stream.settings().keyId(), openShards,
                consumers.list(stream).size(),
                stream.maxRecordSizeKiB(), onDemand ? stream.distributionStrategy() : null,
                onDemand && accounts.commitment(key.accountId(), key.region()).committed()
                        ? warmThroughput(stream) : null, channels.countForStream(stream.storageKey())));
    }

    /** Shown only for ON_DEMAND streams of committed accounts, as the model documents. */
    private WarmThroughputObject warmThroughput(StreamMetadata stream) {
        StreamSettings settings = stream.settings();
        return new WarmThroughputObject(settings.warmThroughputMiBps(),
                settings.currentWarmThroughputMiBps(clock.millis()));
    }
}
