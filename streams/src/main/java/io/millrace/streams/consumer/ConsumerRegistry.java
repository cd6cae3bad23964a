package io.millrace.streams.consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.log.MetadataStore;
import io.millrace.streams.model.ConsumerStatus;
import io.millrace.streams.stream.StreamMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registered consumers of every stream, persisted as one JSON entry per stream incarnation (keyed by the
 * stream's storage key, so a re-created stream starts with none). Applies the CREATING → ACTIVE and DELETING → gone
 * transitions once they are due, on access, following the injected clock.
 *
 * <p>Thread safety: every method holds the registry's monitor; consumer operations are rare (AWS allows a few per
 * second), so one lock costs nothing and keeps persist-then-publish simple.
 */
public final class ConsumerRegistry {
    private static final String KEY_PREFIX = "kinesis/consumers/";

    private final MetadataStore store;
    private final Clock clock;
    private final FanOutConfig config;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, StreamConsumers> byStorageKey = new HashMap<>();

    /** Loads every persisted consumer. */
    public ConsumerRegistry(MetadataStore store, Clock clock, FanOutConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        store.loadAll().forEach((key, value) -> {
            if (key.startsWith(KEY_PREFIX)) {
                StreamConsumers consumers = decode(value);
                byStorageKey.put(consumers.storageKey(), consumers);
            }
        });
    }

    public FanOutConfig config() {
        return config;
    }

    /**
     * Registers {@code name} on {@code stream} as CREATING (ACTIVE at once with no delay configured).
     * ResourceInUse when the name is taken, LimitExceeded past the per-stream or CREATING limits.
     */
    public synchronized ConsumerMetadata register(StreamMetadata stream, String name, Map<String, String> tags) {
        List<ConsumerMetadata> current = current(stream);
        if (current.stream().anyMatch(c -> c.name().equals(name))) {
            throw ConsumerErrors.alreadyExists(name, stream.key());
        }
        if (current.size() >= config.maxConsumersPerStream()) {
            throw ConsumerErrors.tooManyConsumers(stream.key(), config.maxConsumersPerStream());
        }
        if (creatingInAccount(stream) >= config.maxCreatingConsumers()) {
            throw ConsumerErrors.tooManyCreating(stream.key(), config.maxCreatingConsumers());
        }
        long nowMs = clock.millis();
        String arn = new ConsumerArn(stream.key(), name, nowMs / 1000).toString();
        ConsumerMetadata created = new ConsumerMetadata(name, arn, nowMs, ConsumerStatus.CREATING,
                nowMs + config.consumerStatusDelayMs(), new java.util.TreeMap<>(tags == null ? Map.of() : tags));
        List<ConsumerMetadata> changed = new ArrayList<>(current);
        changed.add(created);
        save(stream, settle(changed, nowMs));
        return find(stream, name).orElse(created);
    }

    /** The consumer of that name on {@code stream}, in any state. */
    public synchronized Optional<ConsumerMetadata> find(StreamMetadata stream, String name) {
        return current(stream).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Every consumer of {@code stream}, in registration order. */
    public synchronized List<ConsumerMetadata> list(StreamMetadata stream) {
        return current(stream);
    }

    /** Starts deregistering: DELETING until the delay passes (gone at once without one). */
    public synchronized void deregister(StreamMetadata stream, String name) {
        long nowMs = clock.millis();
        List<ConsumerMetadata> changed = new ArrayList<>();
        for (ConsumerMetadata consumer : current(stream)) {
            boolean isTarget = consumer.name().equals(name) && consumer.status() != ConsumerStatus.DELETING;
            changed.add(isTarget
                    ? consumer.withStatus(ConsumerStatus.DELETING, nowMs + config.consumerStatusDelayMs())
                    : consumer);
        }
        save(stream, settle(changed, nowMs));
    }

    /**
     * Replaces the tags of the consumer with ARN {@code arn} on {@code stream} by {@code change} of them and returns
     * the result; empty when no such consumer exists. {@code change} may throw to refuse.
     */
    public synchronized Optional<ConsumerMetadata> retag(StreamMetadata stream, String arn,
            Function<ConsumerMetadata, Map<String, String>> change) {
        List<ConsumerMetadata> changed = new ArrayList<>();
        ConsumerMetadata retagged = null;
        for (ConsumerMetadata consumer : current(stream)) {
            if (consumer.arn().equals(arn)) {
                retagged = consumer.withTags(change.apply(consumer));
                changed.add(retagged);
            } else {
                changed.add(consumer);
            }
        }
        if (retagged != null) {
            save(stream, changed);
        }
        return Optional.ofNullable(retagged);
    }

    /** Forgets every consumer of a stream incarnation (the stream is being deleted). */
    public synchronized void removeAll(String storageKey) {
        if (byStorageKey.remove(storageKey) != null) {
            store.remove(KEY_PREFIX + storageKey);
        }
    }

    private List<ConsumerMetadata> current(StreamMetadata stream) {
        StreamConsumers entry = byStorageKey.get(stream.storageKey());
        if (entry == null) {
            return List.of();
        }
        long nowMs = clock.millis();
        if (entry.consumers().stream().anyMatch(c -> c.isDue(nowMs))) {
            save(stream, settle(entry.consumers(), nowMs));
            entry = byStorageKey.get(stream.storageKey());
        }
        return entry == null ? List.of() : entry.consumers();
    }

    private long creatingInAccount(StreamMetadata stream) {
        long nowMs = clock.millis();
        return byStorageKey.values().stream()
                .filter(e -> e.accountId().equals(stream.accountId()) && e.region().equals(stream.region()))
                .flatMap(e -> e.consumers().stream())
                .filter(c -> c.status() == ConsumerStatus.CREATING && !c.isDue(nowMs))
                .count();
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

    private void save(StreamMetadata stream, List<ConsumerMetadata> consumers) {
        if (consumers.isEmpty()) {
            removeAll(stream.storageKey());
            return;
        }
        StreamConsumers entry = new StreamConsumers(stream.storageKey(), stream.accountId(), stream.region(),
                consumers);
        store.put(KEY_PREFIX + stream.storageKey(), encode(entry));
        byStorageKey.put(stream.storageKey(), entry);
    }

    private byte[] encode(StreamConsumers consumers) {
        try {
            return json.writeValueAsBytes(consumers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StreamConsumers decode(byte[] bytes) {
        try {
            return json.readValue(bytes, StreamConsumers.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
