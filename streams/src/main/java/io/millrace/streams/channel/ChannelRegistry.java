package io.millrace.streams.channel;

import io.millrace.log.MetadataStore;
import io.millrace.protocol.error.ApiException;
import io.millrace.streams.limit.AccountReservations;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.ChannelStatus;
import io.millrace.streams.stream.SharedEntries;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every channel of the node, persisted as one JSON entry per channel under its ARN through {@link SharedEntries}, so
 * gateways sharing a metadata store see the same channels and apply each change exactly once. Applies the CREATING/UPDATING →
 * ACTIVE and DELETING → gone transitions once they are due, on access and on {@link #tick()}, following the injected
 * clock. FAILED is entered only through {@link #recordFailure} and left only by DeleteChannel: the model documents no
 * way back, and the SDK's ChannelActive waiter treats FAILED as final.
 *
 * <p>Thread safety: every method holds the registry's monitor; channel operations are rare (AWS allows 5 per
 * second per account) and delivery only records its positions here, so one lock costs nothing.
 */
public final class ChannelRegistry {
    /** [UNVERIFIED] AWS publishes no default; reported by DescribeLimits as ChannelCountLimit. */
    public static final int CHANNEL_COUNT_LIMIT = 50;
    private static final String KEY_PREFIX = "kinesis/channels/";
    /** The limit's name in the channels' ledger of {@link AccountReservations}. */
    private static final String COUNT_LIMIT = "channels";

    private final Clock clock;
    private final SharedEntries<ChannelMetadata> byArn;
    private final AccountReservations reservations;

    /** Loads (or, with a shared store, follows) every persisted channel. */
    public ChannelRegistry(MetadataStore store, Clock clock) {
        this.clock = clock;
        this.byArn = SharedEntries.ofJson(store, KEY_PREFIX, ChannelMetadata.class);
        this.reservations = new AccountReservations(store, clock, "channels");
    }

    /**
     * Adds {@code proposed}. ResourceInUse when its name is taken in the account and region (a DELETING channel
     * still holds it), LimitExceeded past {@link #CHANNEL_COUNT_LIMIT}. The count spans the account's channels, so
     * it is decided by {@link AccountReservations} (across gateways on a shared store), the name by the channel's
     * own entry.
     */
    public synchronized ChannelMetadata create(ChannelMetadata proposed) {
        settle();
        // Checked first against this view too, so a taken name is ResourceInUse before the count is asked.
        byArn.get(proposed.arn()).ifPresent(existing -> {
            throw alreadyExists(proposed);
        });
        String owner = AccountReservations.newOwner();
        reservations.reserve(proposed.accountId(), proposed.region(), owner, List.of(new AccountReservations.Demand(
                COUNT_LIMIT, proposed.arn(), 1, clock.millis() + AccountReservations.IN_FLIGHT_MS,
                CHANNEL_COUNT_LIMIT, () -> channelsOf(proposed.accountId(), proposed.region()),
                count -> tooMany(proposed))));
        try {
            return byArn.update(proposed.arn(), current -> {
                if (current != null) {
                    throw alreadyExists(proposed);
                }
                return proposed;
            });
        } finally {
            // Created (now counted in every view) or refused: the reservation has done its work.
            reservations.release(proposed.accountId(), proposed.region(), owner);
        }
    }

    private static ApiException alreadyExists(ChannelMetadata proposed) {
        // [UNVERIFIED] text.
        return KinesisError.RESOURCE_IN_USE.exception("Channel %s under account %s already exists.",
                proposed.name(), proposed.accountId());
    }

    private static ApiException tooMany(ChannelMetadata proposed) {
        // [UNVERIFIED] text.
        return KinesisError.LIMIT_EXCEEDED.exception("Account %s already has %d channels in %s, the limit.",
                proposed.accountId(), CHANNEL_COUNT_LIMIT, proposed.region());
    }

    /** The channels of an account and region in this gateway's view, by ARN, for the count limit. */
    private Map<String, Long> channelsOf(String accountId, String region) {
        Map<String, Long> counted = new java.util.HashMap<>();
        byArn.all().values().stream()
                .filter(c -> c.accountId().equals(accountId) && c.region().equals(region))
                .forEach(c -> counted.put(c.arn(), 1L));
        return counted;
    }

    /** The channel with that ARN, in any state but gone. */
    public synchronized Optional<ChannelMetadata> find(String arn) {
        settle();
        return byArn.get(arn);
    }

    /** The channels of an account and region, ordered by name. */
    public synchronized List<ChannelMetadata> list(String accountId, String region) {
        settle();
        return byArn.all().values().stream()
                .filter(c -> c.accountId().equals(accountId) && c.region().equals(region))
                .sorted(Comparator.comparing(ChannelMetadata::name))
                .toList();
    }

    /** Every channel of the node (any state). */
    public synchronized List<ChannelMetadata> all() {
        settle();
        return List.copyOf(byArn.all().values());
    }

    public synchronized int count(String accountId, String region) {
        return list(accountId, region).size();
    }

    /** Channels reading the stream incarnation {@code streamStorageKey} that are not on their way out. */
    public synchronized int countForStream(String streamStorageKey) {
        settle();
        return (int) byArn.all().values().stream()
                .filter(c -> c.streamStorageKey().equals(streamStorageKey) && c.status() != ChannelStatus.DELETING)
                .count();
    }

    /** Applies {@code change} to the channel and persists the result; ResourceNotFound when it is gone. */
    public synchronized ChannelMetadata update(String arn, UnaryOperator<ChannelMetadata> change) {
        settle();
        return byArn.update(arn, current -> {
            if (current == null) {
                throw ChannelErrors.notFound(arn);
            }
            return change.apply(current);
        });
    }

    /**
     * Records delivered positions, unless the channel was deleted or re-created meanwhile (then the positions
     * belong to nobody and are dropped). A position never moves back: a gateway whose delivery lease ran out while
     * it was storing cannot undo what the next holder stored since.
     */
    public synchronized void recordDelivery(ChannelMetadata delivered, Map<String, Long> positions, long atMs) {
        byArn.update(delivered.arn(), current -> current != null && current.id().equals(delivered.id())
                ? current.withDelivered(furthest(current.positions(), positions), atMs) : current);
    }

    private static Map<String, Long> furthest(Map<String, Long> stored, Map<String, Long> delivered) {
        Map<String, Long> merged = new java.util.TreeMap<>(stored);
        delivered.forEach((shardId, position) -> merged.merge(shardId, position, Math::max));
        return merged;
    }

    /**
     * Records that delivery cannot proceed: the channel turns FAILED with {@code reason}, keeping the positions of
     * what was delivered before the failure. Ignored when the channel was deleted or re-created meanwhile.
     */
    public synchronized void recordFailure(ChannelMetadata failed, Map<String, Long> positions, String reason,
            long atMs) {
        byArn.update(failed.arn(), current -> current != null && current.id().equals(failed.id())
                && current.status() != ChannelStatus.DELETING
                ? current.withDelivered(furthest(current.positions(), positions), atMs).withFailure(reason) : current);
    }

    /** Applies the transitions that are due. */
    public synchronized void tick() {
        settle();
    }

    /** Writes the transitions that are due; with gateways sharing the store, whichever is first writes each. */
    private void settle() {
        long nowMs = clock.millis();
        for (ChannelMetadata channel : new ArrayList<>(byArn.all().values())) {
            if (channel.isDue(nowMs)) {
                byArn.update(channel.arn(), current -> current == null || !current.isDue(nowMs) ? current
                        : current.status() == ChannelStatus.DELETING ? null
                        : current.withStatus(ChannelStatus.ACTIVE, 0));
            }
        }
    }
}
