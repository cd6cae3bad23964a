package io.millrace.streams.op;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.limit.AccountReservations.Demand;
import io.millrace.streams.model.RecordDistributionStrategy;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.position.SequenceNumberCodec;
import io.millrace.streams.shard.HashKeyRange;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html">CreateStream</a>:
 * PROVISIONED with {@code ShardCount} shards or ON_DEMAND with the configured default, hash space split evenly.
 * Thread-safe; admission checks run under the registry's lock.
 */
public final class CreateStream implements SyncOperation<CreateStreamRequest, Void> {
    /** Like AWS (and kinesalite), date the stream a little back so its first record is above the start number. */
    static final long BACKDATE_MS = 2_000;
    private static final int DEFAULT_RETENTION_HOURS = 24;
    private static final int DEFAULT_MAX_RECORD_SIZE_KIB = 1024;

    private final StreamRegistry streams;
    private final EngineConfig config;
    private final Clock clock;

    CreateStream(StreamRegistry streams, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Void call(CreateStreamRequest request, RequestContext context) {
        StreamKey key = new StreamKey(context.accountId(), context.region(), request.streamName());
        StreamMode mode = request.streamModeDetails() == null
                ? StreamMode.PROVISIONED : request.streamModeDetails().streamMode();
        int shardCount = shardCount(request, mode);
        RecordDistributionStrategy strategy = distributionStrategy(request, mode);
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        List<String> tagTexts = new ArrayList<>(tags.keySet());
        tagTexts.addAll(tags.values());
        StreamTags.checkCharacters(tagTexts, "add tags to", key);
        StreamTags.checkCount(tags.size(), key);
        StreamMetadata metadata = newStream(key, mode, strategy, shardCount, request, tags);
        AccountStreamLimits.reserving(streams, key,
                owner -> streams.create(metadata, existing -> admit(metadata, owner)));
        return null;
    }

    private static int shardCount(CreateStreamRequest request, StreamMode mode) {
        if (mode == StreamMode.ON_DEMAND) {
            return -1; // [UNVERIFIED] AWS may reject a ShardCount here; we ignore it and use the on-demand default
        }
        if (request.shardCount() == null) {
            // [UNVERIFIED] AWS's exact text for a PROVISIONED stream without ShardCount.
            throw KinesisError.INVALID_ARGUMENT.exception(
                    "ShardCount is required for streams in PROVISIONED mode.");
        }
        return request.shardCount();
    }

    private static RecordDistributionStrategy distributionStrategy(CreateStreamRequest request, StreamMode mode) {
        RecordDistributionStrategy strategy = request.recordDistributionStrategy() == null
                ? RecordDistributionStrategy.USER_PARTITION_KEY : request.recordDistributionStrategy();
        if (strategy == RecordDistributionStrategy.AUTO && mode != StreamMode.ON_DEMAND) {
            throw autoNeedsOnDemand();
        }
        return strategy;
    }

    /** Also raised by UpdateStreamRecordDistributionStrategy. */
    static ApiException autoNeedsOnDemand() {
        // [UNVERIFIED] text; the documentation only says AUTO needs an on-demand stream.
        return KinesisError.INVALID_ARGUMENT.exception(
                "RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode.");
    }

    private StreamMetadata newStream(StreamKey key, StreamMode mode, RecordDistributionStrategy strategy,
            int requestedShards, CreateStreamRequest request, Map<String, String> tags) {
        long nowMs = clock.millis();
        long creationMs = nowMs - BACKDATE_MS;
        int shardCount = mode == StreamMode.ON_DEMAND ? config.onDemandDefaultShardCount() : requestedShards;
        List<ShardMetadata> shards = new ArrayList<>(shardCount);
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(shardCount);
        for (int i = 0; i < shardCount; i++) {
            shards.add(new ShardMetadata(i, ranges.get(i).start().toString(), ranges.get(i).end().toString(),
                    SequenceNumberCodec.startOf(creationMs, i), creationMs, null, null));
        }
        boolean immediate = config.createStreamDelayMs() <= 0;
        int maxRecordKiB = request.maxRecordSizeInKiB() == null
                ? DEFAULT_MAX_RECORD_SIZE_KIB : request.maxRecordSizeInKiB();
        return new StreamMetadata(UUID.randomUUID().toString().replace("-", ""), key.accountId(), key.region(),
                key.name(), key.arn(), creationMs, immediate ? StreamStatus.ACTIVE : StreamStatus.CREATING,
                immediate ? 0 : nowMs + config.createStreamDelayMs(), mode, strategy, DEFAULT_RETENTION_HOURS, 0,
                maxRecordKiB, shards, new TreeMap<>(tags));
    }

    /**
     * The account-wide limits, in the order they were always checked; on a shared store they are reserved for
     * {@code owner} as well, so that they hold across gateways (the registry runs this again on every retry).
     */
    private void admit(StreamMetadata proposed, String owner) {
        long nowMs = clock.millis();
        List<Demand> demands = new ArrayList<>();
        demands.add(AccountStreamLimits.openShards(streams, config, proposed, 0, proposed.openShardCount(), nowMs));
        if (proposed.mode() == StreamMode.ON_DEMAND) {
            demands.add(AccountStreamLimits.onDemandStreams(streams, config, proposed, nowMs));
        }
        if (proposed.status() == StreamStatus.CREATING) {
            demands.add(AccountStreamLimits.creatingStreams(streams, proposed, nowMs));
        }
        AccountStreamLimits.reserve(streams, proposed, owner, demands);
    }
}
