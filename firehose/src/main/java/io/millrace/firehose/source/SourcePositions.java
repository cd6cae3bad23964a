package io.millrace.firehose.source;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.log.MetadataStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How far one delivery stream has read its source: per shard, the sequence number of the last record taken into the
 * delivery stream's durable buffer, and which shards are finished (closed and read to the end). Persisted as JSON
 * under {@code firehose/source/<logKey>} by {@link #persist()}, which the reader calls only once those records are
 * durable in the buffer; a crash before that re-reads them (at-least-once, never a loss).
 *
 * <p>Not thread-safe: owned by the one thread that reads the source.
 */
public final class SourcePositions {
    public static final String KEY_PREFIX = "firehose/source/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;
    private final String key;
    private String incarnation;
    private final Map<String, String> lastSequenceNumbers = new HashMap<>();
    private final Set<String> finished = new HashSet<>();

    private SourcePositions(MetadataStore store, String key) {
        this.store = store;
        this.key = key;
    }

    /** Loads the positions of the delivery stream whose buffer log is {@code logKey}; empty when it has none. */
    public static SourcePositions load(MetadataStore store, String logKey) {
        SourcePositions positions = new SourcePositions(store, KEY_PREFIX + logKey);
        byte[] stored = store.loadAll().get(positions.key);
        if (stored != null) {
            Stored state = decode(stored);
            positions.incarnation = state.incarnation();
            positions.lastSequenceNumbers.putAll(state.lastSequenceNumbers());
            positions.finished.addAll(state.finished());
        }
        return positions;
    }

    /** Forgets everything when the source is another incarnation than the one these positions belong to. */
    public void resetUnless(String currentIncarnation) {
        if (!currentIncarnation.equals(incarnation)) {
            incarnation = currentIncarnation;
            lastSequenceNumbers.clear();
            finished.clear();
        }
    }

    /** The last sequence number taken from {@code shardId}, or {@code null} when nothing was yet. */
    public String after(String shardId) {
        return lastSequenceNumbers.get(shardId);
    }

    public boolean isFinished(String shardId) {
        return finished.contains(shardId);
    }

    public void advance(String shardId, String sequenceNumber) {
        lastSequenceNumbers.put(shardId, sequenceNumber);
    }

    public void finish(String shardId) {
        finished.add(shardId);
    }

    public void persist() {
        try {
            store.put(key, JSON.writeValueAsBytes(new Stored(incarnation, lastSequenceNumbers, finished)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode source positions", e);
        }
    }

    private static Stored decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, new TypeReference<Stored>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode source positions", e);
        }
    }

    private record Stored(String incarnation, Map<String, String> lastSequenceNumbers, Set<String> finished) {
        Stored {
            lastSequenceNumbers = lastSequenceNumbers == null ? Map.of() : Map.copyOf(lastSequenceNumbers);
            finished = finished == null ? Set.of() : Set.copyOf(finished);
        }
    }
}
