package io.millrace.streams.stream;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The metadata entries under one key prefix, decoded, in memory, and changed so that several gateways sharing the
 * store ({@link SharedMetadata}) apply each change exactly once: every change is a compare-and-set from the version
 * it was computed on, recomputed on the newer value when another gateway changed the entry first, and the map only
 * ever holds what the store reports, in the order every gateway agrees on. With a store of this process alone it
 * loads the entries once and writes through.
 *
 * <p>Used by the registries whose state is a set of independent entries (consumers, account settings, channels,
 * subscription claims); {@link StreamRegistry} does the same for streams, with log handling of its own.
 *
 * <p>Thread safety: reads are lock-free. {@link #update} may run concurrently with itself; with a shared store the
 * compare-and-set serialises changes, with a private one callers serialise them (the registries hold a monitor).
 *
 * @param <T> the decoded value
 */
public final class SharedEntries<T> {
    private final MetadataStore store;
    private final SharedMetadata shared;
    private final String prefix;
    private final Function<byte[], T> decode;
    private final Function<T, byte[]> encode;
    private final Map<String, T> entries = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, T>> listeners = new CopyOnWriteArrayList<>();

    /** Entries stored as the JSON of {@code type} ({@link EntryJson}). */
    public static <T> SharedEntries<T> ofJson(MetadataStore store, String prefix, Class<T> type) {
        return new SharedEntries<>(store, prefix, bytes -> EntryJson.decode(bytes, type), EntryJson::encode);
    }

    /** Loads (or, when shared, starts following) the entries under {@code prefix}. */
    public SharedEntries(MetadataStore store, String prefix, Function<byte[], T> decode, Function<T, byte[]> encode) {
        this.store = store;
        this.shared = store instanceof SharedMetadata sharedStore ? sharedStore : null;
        this.prefix = prefix;
        this.decode = decode;
        this.encode = encode;
        if (shared != null) {
            shared.watch(prefix, this::onStored);
        } else {
            store.loadAll().forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    entries.put(key.substring(prefix.length()), decode.apply(value));
                }
            });
        }
    }

    /** The entry named {@code name} (the key without the prefix). */
    public Optional<T> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** Every entry, by name; a live view. */
    public Map<String, T> all() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    /**
     * Replaces the entry {@code name} by {@code change} of it ({@code null} in and out: absent) and returns the
     * result that was stored. When {@code change} returns its argument unchanged (the same instance), nothing is
     * written. {@code change} may run several times (once per lost race) and may throw to refuse.
     */
    public T update(String name, UnaryOperator<T> change) {
        String key = prefix + name;
        if (shared == null) {
            T current = entries.get(name);
            T changed = change.apply(current);
            if (changed != current) {
                write(key, name, changed);
            }
            return changed;
        }
        while (true) {
            // The version is read before the value: a value newer than its version only makes the proposal lose.
            long version = shared.current(key).version();
            T current = entries.get(name);
            T changed = change.apply(current);
            if (changed == current
                    || shared.compareAndSet(key, version, changed == null ? null : encode.apply(changed))) {
                return changed;
            }
        }
    }

    /**
     * With a shared store, tells {@code listener} of every later accepted change, whichever gateway made it, by name
     * and new value ({@code null}: removed), after {@link #get} shows it. It runs on the store's reader, so it must
     * not block. With a private store there is nothing to hear: this process makes every change itself.
     */
    public void watch(BiConsumer<String, T> listener) {
        listeners.add(listener);
    }

    private void write(String key, String name, T value) {
        if (value == null) {
            store.remove(key);
            entries.remove(name);
        } else {
            store.put(key, encode.apply(value));
            entries.put(name, value);
        }
    }

    /** Runs on the shared store's reader, in the agreed order. */
    private void onStored(String key, long version, byte[] value) {
        String name = key.substring(prefix.length());
        if (value == null) {
            entries.remove(name);
        } else {
            entries.put(name, decode.apply(value));
        }
        T changed = entries.get(name);
        listeners.forEach(listener -> listener.accept(name, changed));
    }
}
