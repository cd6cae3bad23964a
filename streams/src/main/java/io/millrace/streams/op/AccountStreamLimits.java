package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.limit.AccountReservations;
import io.millrace.streams.limit.AccountReservations.Demand;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.model.StreamStatus;
import io.millrace.streams.stream.Stream;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The account-wide limits on streams and shards (open shards, ON_DEMAND streams, streams in CREATING), as demands
 * on the streams' {@link AccountReservations} ledger, so that they hold across gateways sharing a metadata store.
 * Each counts the streams of one account and region by storage key; the messages are those the operations always
 * answered.
 *
 * <p>Thread safety: stateless.
 */
final class AccountStreamLimits {
    /** The limits' names in the ledger. */
    static final String OPEN_SHARDS = "open-shards";
    static final String ON_DEMAND_STREAMS = "on-demand-streams";
    static final String CREATING_STREAMS = "creating-streams";
    static final int MAX_STREAMS_CREATING = 5;

    private AccountStreamLimits() {
    }

    /**
     * Checks (and on a shared store reserves, for {@code owner}) {@code demands} of the account of {@code stream};
     * the caller releases {@code owner} once its change is stored or refused.
     */
    static void reserve(StreamRegistry streams, StreamMetadata stream, String owner, List<Demand> demands) {
        if (!demands.isEmpty()) {
            streams.reservations().reserve(stream.accountId(), stream.region(), owner, demands);
        }
    }

    /**
     * Runs {@code change} of stream {@code key} under a fresh reservation owner, then releases whatever it reserved
     * in the stream's account: once the change is stored it counts in every view, and a refused one needs nothing.
     * Nothing is released (and nothing was reserved) on a private store.
     */
    static void reserving(StreamRegistry streams, StreamKey key, Consumer<String> change) {
        String owner = AccountReservations.newOwner();
        try {
            change.accept(owner);
        } finally {
            streams.reservations().release(key.accountId(), key.region(), owner);
        }
    }

    /** {@code stream} will have {@code additional} more open shards than now (it may not exist yet). */
    static Demand openShards(StreamRegistry streams, EngineConfig config, StreamMetadata stream, long currentOpen,
            long additional, long nowMs) {
        return new Demand(OPEN_SHARDS, stream.storageKey(), currentOpen + additional, inFlightUntil(nowMs),
                config.shardLimit(), () -> counted(streams, stream, StreamMetadata::openShardCount, m -> true),
                openShards -> KinesisError.LIMIT_EXCEEDED.exception("This request would exceed the shard limit for "
                        + "the account %s in %s. Current shard count for the account: %d. Limit: %d. Number of "
                        + "additional shards that would have resulted from this request: %d. Refer to the AWS Service "
                        + "Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for "
                        + "current limits and how to request higher limits.", stream.accountId(), stream.region(),
                        openShards, config.shardLimit(), additional));
    }

    /** {@code stream} will be ON_DEMAND. */
    static Demand onDemandStreams(StreamRegistry streams, EngineConfig config, StreamMetadata stream, long nowMs) {
        return new Demand(ON_DEMAND_STREAMS, stream.storageKey(), 1, inFlightUntil(nowMs),
                config.onDemandStreamCountLimit(),
                () -> counted(streams, stream, m -> 1L, m -> m.mode() == StreamMode.ON_DEMAND),
                // [UNVERIFIED] AWS's exact text for the on-demand stream count limit.
                count -> KinesisError.LIMIT_EXCEEDED.exception("This request would exceed the on-demand stream "
                        + "count limit of %d for the account %s in %s.", config.onDemandStreamCountLimit(),
                        stream.accountId(), stream.region()));
    }

    /** {@code stream} will be CREATING. */
    static Demand creatingStreams(StreamRegistry streams, StreamMetadata stream, long nowMs) {
        return new Demand(CREATING_STREAMS, stream.storageKey(), 1, inFlightUntil(nowMs), MAX_STREAMS_CREATING,
                () -> counted(streams, stream, m -> 1L, m -> m.status() == StreamStatus.CREATING),
                // [UNVERIFIED] AWS's exact text for too many streams in CREATING at once.
                count -> KinesisError.LIMIT_EXCEEDED.exception("Account %s already has %d streams in CREATING state.",
                        stream.accountId(), MAX_STREAMS_CREATING));
    }

    private static long inFlightUntil(long nowMs) {
        return nowMs + AccountReservations.IN_FLIGHT_MS;
    }

    /** The {@code units} of each stream of the account and region that {@code counts}, by storage key. */
    private static Map<String, Long> counted(StreamRegistry streams, StreamMetadata of,
            ToLongFunction<StreamMetadata> units, Predicate<StreamMetadata> counts) {
        Map<String, Long> counted = new HashMap<>();
        for (Stream stream : streams.list(of.accountId(), of.region())) {
            StreamMetadata metadata = stream.metadata();
            if (counts.test(metadata)) {
                counted.put(metadata.storageKey(), units.applyAsLong(metadata));
            }
        }
        return counted;
    }
}
