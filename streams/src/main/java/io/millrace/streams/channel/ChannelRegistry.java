package io.millrace.streams.channel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.log.MetadataStore;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.ChannelStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every channel of the node, persisted as one JSON entry per channel under its ARN. Applies the CREATING/UPDATING →
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

    private final MetadataStore store;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, ChannelMetadata> byArn = new HashMap<>();

    /** Loads every persisted channel. */
    public ChannelRegistry(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.loadAll().forEach((key, value) -> {
            if (key.startsWith(KEY_PREFIX)) {
                ChannelMetadata channel = decode(value);
                byArn.put(channel.arn(), channel);
            }
        });
    }

    /**
     * Adds {@code proposed}. ResourceInUse when its name is taken in the account and region (a DELETING channel
     * still holds it), LimitExceeded past {@link #CHANNEL_COUNT_LIMIT}.
     */
    public synchronized ChannelMetadata create(ChannelMetadata proposed) {
        settle();
        if (byArn.containsKey(proposed.arn())) {
            // [UNVERIFIED] text.
            throw KinesisError.RESOURCE_IN_USE.exception("Channel %s under account %s already exists.",
                    proposed.name(), proposed.accountId());
        }
        if (count(proposed.accountId(), proposed.region()) >= CHANNEL_COUNT_LIMIT) {
            // [UNVERIFIED] text.
            throw KinesisError.LIMIT_EXCEEDED.exception("Account %s already has %d channels in %s, the limit.",
                    proposed.accountId(), CHANNEL_COUNT_LIMIT, proposed.region());
        }
        save(proposed);
        return proposed;
    }

    /** The channel with that ARN, in any state but gone. */
    public synchronized Optional<ChannelMetadata> find(String arn) {
        settle();
        return Optional.ofNullable(byArn.get(arn));
    }

    /** The channels of an account and region, ordered by name. */
    public synchronized List<ChannelMetadata> list(String accountId, String region) {
        settle();
        return byArn.values().stream()
                .filter(c -> c.accountId().equals(accountId) && c.region().equals(region))
                .sorted(Comparator.comparing(ChannelMetadata::name))
                .toList();
    }

    /** Every channel of the node (any state). */
    public synchronized List<ChannelMetadata> all() {
        settle();
        return List.copyOf(byArn.values());
    }

    public synchronized int count(String accountId, String region) {
        return list(accountId, region).size();
    }

    /** Channels reading the stream incarnation {@code streamStorageKey} that are not on their way out. */
    public synchronized int countForStream(String streamStorageKey) {
        settle();
        return (int) byArn.values().stream()
                .filter(c -> c.streamStorageKey().equals(streamStorageKey) && c.status() != ChannelStatus.DELETING)
                .count();
    }

    /** Applies {@code change} to the channel and persists the result; ResourceNotFound when it is gone. */
    public synchronized ChannelMetadata update(String arn, UnaryOperator<ChannelMetadata> change) {
        settle();
        ChannelMetadata current = byArn.get(arn);
        if (current == null) {
            throw ChannelErrors.notFound(arn);
        }
        ChannelMetadata changed = change.apply(current);
        save(changed);
        return changed;
    }

    /**
     * Records a finished delivery round, unless the channel was deleted or re-created meanwhile (then the positions
     * belong to nobody and are dropped).
     */
    public synchronized void recordDelivery(ChannelMetadata delivered, Map<String, Long> positions, long atMs) {
        ChannelMetadata current = byArn.get(delivered.arn());
        if (current != null && current.id().equals(delivered.id())) {
            save(current.withDelivered(positions, atMs));
        }
    }

    /**
     * Records that delivery cannot proceed: the channel turns FAILED with {@code reason}, keeping the positions of
     * what was delivered before the failure. Ignored when the channel was deleted or re-created meanwhile.
     */
    public synchronized void recordFailure(ChannelMetadata failed, Map<String, Long> positions, String reason,
            long atMs) {
        ChannelMetadata current = byArn.get(failed.arn());
        if (current != null && current.id().equals(failed.id()) && current.status() != ChannelStatus.DELETING) {
            save(current.withDelivered(positions, atMs).withFailure(reason));
        }
    }

    /** Applies the transitions that are due. */
    public synchronized void tick() {
        settle();
    }

    private void settle() {
        long nowMs = clock.millis();
        for (ChannelMetadata channel : new ArrayList<>(byArn.values())) {
            if (!channel.isDue(nowMs)) {
                continue;
            }
            if (channel.status() == ChannelStatus.DELETING) {
                store.remove(KEY_PREFIX + channel.arn());
                byArn.remove(channel.arn());
            } else {
                save(channel.withStatus(ChannelStatus.ACTIVE, 0));
            }
        }
    }

    private void save(ChannelMetadata channel) {
        store.put(KEY_PREFIX + channel.arn(), encode(channel));
        byArn.put(channel.arn(), channel);
    }

    private byte[] encode(ChannelMetadata channel) {
        try {
            return json.writeValueAsBytes(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ChannelMetadata decode(byte[] bytes) {
        try {
            return json.readValue(bytes, ChannelMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
