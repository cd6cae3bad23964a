package io.millrace.streams.consumer;

import io.millrace.log.MetadataStore;
import io.millrace.streams.limit.AccountReservations;
import io.millrace.streams.model.ConsumerStatus;
import io.millrace.streams.stream.SharedEntries;
import io.millrace.streams.stream.StreamMetadata;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registered consumers of every stream, persisted as one JSON entry per stream incarnation (keyed by the
 * stream's storage key, so a re-created stream starts with none) through {@link SharedEntries}, so gateways sharing
 * a metadata store see the same consumers and apply each registration exactly once. The CREATING → ACTIVE and
 * DELETING → gone transitions are derived from the injected clock when the entry is read, and written with the next
 * change of the entry, so reading never writes.
 *
 * <p>Thread safety: changes hold the registry's monitor (one gateway's changes are serialised; between gateways the
 * compare-and-set of {@link SharedEntries} decides); reads see the last published entry.
 */
public final class ConsumerRegistry {
    private static final String KEY_PREFIX = "kinesis/consumers/";
    /** The limit's name in the consumers' ledger of {@link AccountReservations}. */
    private static final String CREATING_LIMIT = "creating";

    private final Clock clock;
    private final FanOutConfig config;
    private final SharedEntries<StreamConsumers> byStorageKey;
    private final AccountReservations reservations;

    /** Loads (or, with a shared store, follows) every persisted consumer. */
    public ConsumerRegistry(MetadataStore store, Clock clock, FanOutConfig config) {
        this.clock = clock;
        this.config = config;
        this.byStorageKey = SharedEntries.ofJson(store, KEY_PREFIX, StreamConsumers.class);
        this.reservations = new AccountReservations(store, clock, "consumers");
    }

    public FanOutConfig config() {
        return config;
    }

    /**
     * Registers {@code name} on {@code stream} as CREATING (ACTIVE at once with no delay configured).
     * ResourceInUse when the name is taken, LimitExceeded past the per-stream or CREATING limits. The CREATING limit
     * counts the whole account and region, so it is decided by {@link AccountReservations} (across gateways on a
     * shared store); the per-stream limit and the name are decided by the stream's own entry.
     */
    public synchronized ConsumerMetadata register(StreamMetadata stream, String name, Map<String, String> tags) {
        long nowMs = clock.millis();
        String arn = new ConsumerArn(stream.key(), name, nowMs / 1000).toString();
        ConsumerMetadata created = new ConsumerMetadata(name, arn, nowMs, ConsumerStatus.CREATING,
                nowMs + config.consumerStatusDelayMs(), new java.util.TreeMap<>(tags == null ? Map.of() : tags));
        // Checked first against this view too, so a taken name is ResourceInUse before the account limit is asked.
        checkAdmissible(current(stream), stream, name);
        String owner = AccountReservations.newOwner();
        boolean isCreating = !created.isDue(nowMs);
        if (isCreating) {
            reservations.reserve(stream.accountId(), stream.region(), owner, List.of(creatingDemand(stream, created)));
        }
        try {
            save(stream, entry -> {
                List<ConsumerMetadata> current = settle(entry, nowMs);
                checkAdmissible(current, stream, name);
                List<ConsumerMetadata> changed = new ArrayList<>(current);
                changed.add(created);
                return settle(changed, nowMs);
            });
        } catch (RuntimeException e) {
            reservations.release(stream.accountId(), stream.region(), owner);
            throw e;
        }
        // On success the reservation stays: it stands for the consumer until it is ACTIVE (its expiry) or gone.
        return find(stream, name).orElse(created);
    }

    private void checkAdmissible(List<ConsumerMetadata> current, StreamMetadata stream, String name) {
        if (current.stream().anyMatch(c -> c.name().equals(name))) {
            throw ConsumerErrors.alreadyExists(name, stream.key());
        }
        if (current.size() >= config.maxConsumersPerStream()) {
            throw ConsumerErrors.tooManyConsumers(stream.key(), config.maxConsumersPerStream());
        }
    }

    private AccountReservations.Demand creatingDemand(StreamMetadata stream, ConsumerMetadata created) {
        return new AccountReservations.Demand(CREATING_LIMIT, created.arn(), 1, created.statusDueMs(),
                config.maxCreatingConsumers(), () -> creatingInAccount(stream),
                count -> ConsumerErrors.tooManyCreating(stream.key(), config.maxCreatingConsumers()));
    }

    /** The consumer of that name on {@code stream}, in any state. */
    public Optional<ConsumerMetadata> find(StreamMetadata stream, String name) {
        return current(stream).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Every consumer of {@code stream}, in registration order. */
    public List<ConsumerMetadata> list(StreamMetadata stream) {
        return current(stream);
    }

    /** Starts deregistering: DELETING until the delay passes (gone at once without one). */
    public synchronized void deregister(StreamMetadata stream, String name) {
        long nowMs = clock.millis();
        List<String> arns = find(stream, name).map(c -> List.of(c.arn())).orElse(List.of());
        save(stream, entry -> {
            List<ConsumerMetadata> changed = new ArrayList<>();
            for (ConsumerMetadata consumer : settle(entry, nowMs)) {
                boolean isTarget = consumer.name().equals(name) && consumer.status() != ConsumerStatus.DELETING;
                changed.add(isTarget
                        ? consumer.withStatus(ConsumerStatus.DELETING, nowMs + config.consumerStatusDelayMs())
                        : consumer);
            }
            return settle(changed, nowMs);
        });
        // A consumer deregistered while CREATING no longer counts towards the CREATING limit.
        reservations.releaseIds(stream.accountId(), stream.region(), CREATING_LIMIT, arns);
    }

    /**
     * Replaces the tags of the consumer with ARN {@code arn} on {@code stream} by {@code change} of them and returns
     * the result; empty when no such consumer exists. {@code change} may throw to refuse.
     */
    public synchronized Optional<ConsumerMetadata> retag(StreamMetadata stream, String arn,
            Function<ConsumerMetadata, Map<String, String>> change) {
        long nowMs = clock.millis();
        ConsumerMetadata[] retagged = new ConsumerMetadata[1];
        save(stream, entry -> {
            retagged[0] = null;
            List<ConsumerMetadata> changed = new ArrayList<>();
            for (ConsumerMetadata consumer : settle(entry, nowMs)) {
                if (consumer.arn().equals(arn)) {
                    retagged[0] = consumer.withTags(change.apply(consumer));
                    changed.add(retagged[0]);
                } else {
                    changed.add(consumer);
                }
            }
            return retagged[0] == null ? null : changed;
        });
        return Optional.ofNullable(retagged[0]);
    }

    /**
     * With a shared store, runs {@code listener} whenever any gateway changes the consumers of any stream, on the
     * store's reader (it must not block), after {@link #find} shows the change; with a private store never.
     */
    public void watch(Runnable listener) {
        byStorageKey.watch((storageKey, consumers) -> listener.run());
    }

    /** Forgets every consumer of a stream incarnation (the stream is being deleted). */
    public synchronized void removeAll(String storageKey) {
        StreamConsumers removed = byStorageKey.get(storageKey).orElse(null);
        byStorageKey.update(storageKey, entry -> null);
        if (removed != null) {
            reservations.releaseIds(removed.accountId(), removed.region(), CREATING_LIMIT,
                    removed.consumers().stream().map(ConsumerMetadata::arn).toList());
        }
    }

    /** The consumers of {@code stream} as of now: due transitions applied, not yet written. */
    private List<ConsumerMetadata> current(StreamMetadata stream) {
        return settle(byStorageKey.get(stream.storageKey()).orElse(null), clock.millis());
    }

    /** The consumers of the stream's account and region in CREATING, by ARN, as this gateway sees them. */
    private Map<String, Long> creatingInAccount(StreamMetadata stream) {
        long nowMs = clock.millis();
        Map<String, Long> creating = new java.util.HashMap<>();
        byStorageKey.all().values().stream()
                .filter(e -> e.accountId().equals(stream.accountId()) && e.region().equals(stream.region()))
                .flatMap(e -> e.consumers().stream())
                .filter(c -> c.status() == ConsumerStatus.CREATING && !c.isDue(nowMs))
                .forEach(c -> creating.put(c.arn(), 1L));
        return creating;
    }

    private static List<ConsumerMetadata> settle(StreamConsumers entry, long nowMs) {
        return entry == null ? List.of() : settle(entry.consumers(), nowMs);
    }

    private static List<ConsumerMetadata> settle(List<ConsumerMetadata> consumers, long nowMs) {
        List<ConsumerMetadata> settled = new ArrayList<>(consumers.size());
        for (ConsumerMetadata consumer : consumers) {
            if (!consumer.isDue(nowMs)) {
                settled.add(consumer);
            } else if (consumer.status() == ConsumerStatus.CREATING) {
                settled.add(consumer.withStatus(ConsumerStatus.ACTIVE, 0));
            }
            // a due DELETING consumer is dropped
        }
        return settled;
    }

    /**
     * Stores {@code change} of the stream's consumers; {@code null} from it means "leave the entry alone", an empty
     * list removes the entry.
     */
    private void save(StreamMetadata stream, Function<StreamConsumers, List<ConsumerMetadata>> change) {
        byStorageKey.update(stream.storageKey(), entry -> {
            List<ConsumerMetadata> consumers = change.apply(entry);
            if (consumers == null) {
                return entry;
            }
            return consumers.isEmpty() ? null
                    : new StreamConsumers(stream.storageKey(), stream.accountId(), stream.region(), consumers);
        });
    }
}
