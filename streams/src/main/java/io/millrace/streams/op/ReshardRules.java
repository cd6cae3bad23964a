package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.shard.ShardId;
import io.millrace.streams.stream.ShardMetadata;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.List;
import java.util.OptionalInt;

/**
 * The semantic checks SplitShard, MergeShards, UpdateShardCount and UpdateStreamMode share, each a small method that
 * returns what it checked or throws the AWS error; and the UPDATING phase these operations start. Stateless.
 */
final class ReshardRules {

    private ReshardRules() {
    }

    /** Capacity changes need an ACTIVE stream (reference §5.6). */
    static StreamMetadata requireActive(StreamMetadata stream) {
        if (stream.status() != StreamStatus.ACTIVE) {
            throw StreamErrors.notActive(stream.key(), stream.status());
        }
        return stream;
    }

    /** Split, merge and UpdateShardCount exist only for PROVISIONED streams. */
    static StreamMetadata requireProvisioned(StreamMetadata stream, String operation) {
        if (stream.mode() != StreamMode.PROVISIONED) {
            // [UNVERIFIED] text, and whether AWS answers InvalidArgument or ValidationException (reference §5.8).
            throw KinesisError.INVALID_ARGUMENT.exception("%s is not supported for stream %s under account %s "
                    + "because it is in ON_DEMAND mode.", operation, stream.name(), stream.accountId());
        }
        return stream;
    }

    /** The index a request's shard id names; ResourceNotFound when it cannot name a shard. */
    static int shardIndex(String givenShardId, StreamKey key) {
        OptionalInt parsed = ShardId.parseIndex(givenShardId);
        if (parsed.isEmpty()) {
            throw StreamErrors.couldNotFindShard(givenShardId, key);
        }
        return parsed.getAsInt();
    }

    /** Shard {@code index} of the stream, open; ResourceNotFound when absent, InvalidArgument when closed. */
    static ShardMetadata requireOpenShard(StreamMetadata stream, int index) {
        ShardMetadata shard = stream.shard(index);
        if (shard == null) {
            throw StreamErrors.couldNotFindShard(ShardId.name(index), stream.key());
        }
        if (!shard.open()) {
            // [UNVERIFIED] text; the one open-source emulators (moto) use.
            throw KinesisError.INVALID_ARGUMENT.exception("Shard %s in stream %s under account %s has already been "
                    + "merged or split, and thus is not eligible for merging or splitting.", shard.shardId(),
                    stream.name(), stream.accountId());
        }
        return shard;
    }

    /**
     * Refuses a change that would open {@code additionalShards} more shards than the account may have; on a shared
     * store reserves them for {@code owner} (released by the caller once the change is stored or refused), so the
     * limit holds across gateways.
     */
    static void checkAccountShardLimit(StreamRegistry streams, StreamMetadata stream, long additionalShards,
            EngineConfig config, String owner, long nowMs) {
        if (additionalShards > 0) {
            AccountStreamLimits.reserve(streams, stream, owner, List.of(AccountStreamLimits.openShards(streams, config,
                    stream, stream.openShardCount(), additionalShards, nowMs)));
        }
    }

    /** {@code changed} in UPDATING until {@code updateStreamDelayMs} from now, or still ACTIVE when that is 0. */
    static StreamMetadata updating(StreamMetadata changed, EngineConfig config, long nowMs) {
        return config.updateStreamDelayMs() <= 0
                ? changed : changed.withStatus(StreamStatus.UPDATING, nowMs + config.updateStreamDelayMs());
    }
}
