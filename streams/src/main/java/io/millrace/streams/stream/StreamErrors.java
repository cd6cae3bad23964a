package io.millrace.streams.stream;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.shard.ShardId;

/** The AWS texts (reference section 7.3 and 3.5) of errors that many operations raise about a stream. */
public final class StreamErrors {

    private StreamErrors() {
    }

    public static ApiException notFound(StreamKey key) {
        return KinesisError.RESOURCE_NOT_FOUND.exception("Stream %s under account %s not found.",
                key.name(), key.accountId());
    }

    public static ApiException alreadyExists(StreamKey key) {
        return KinesisError.RESOURCE_IN_USE.exception("Stream %s under account %s already exists.",
                key.name(), key.accountId());
    }

    public static ApiException notActive(StreamKey key, StreamStatus status) {
        return KinesisError.RESOURCE_IN_USE.exception("Stream %s under account %s not ACTIVE, instead in state %s",
                key.name(), key.accountId(), status);
    }

    public static ApiException shardDoesNotExist(StreamKey key, int shardIndex) {
        return KinesisError.RESOURCE_NOT_FOUND.exception("Shard %s in stream %s under account %s does not exist",
                ShardId.name(shardIndex), key.name(), key.accountId());
    }

    public static ApiException couldNotFindShard(String givenShardId, StreamKey key) {
        return KinesisError.RESOURCE_NOT_FOUND.exception("Could not find shard %s in stream %s under account %s.",
                givenShardId, key.name(), key.accountId());
    }

    /** Configuration changes (tags, retention) need an ACTIVE or UPDATING stream; ResourceInUse otherwise. */
    public static StreamMetadata checkChangeable(StreamMetadata metadata) {
        if (!metadata.writable()) {
            throw notActive(metadata.key(), metadata.status());
        }
        return metadata;
    }
}
