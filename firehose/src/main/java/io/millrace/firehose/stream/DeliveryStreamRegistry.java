package io.millrace.firehose.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.firehose.buffer.RecordBuffer;
import io.millrace.firehose.source.SourcePositions;
import io.millrace.log.LogStore;
import io.millrace.log.MetadataStore;
import io.millrace.log.crypto.KeyRing;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * All delivery streams, keyed by account, region and name; their metadata is persisted as JSON under
 * {@code firehose/stream/...} and reloaded (with each buffer and its checkpoint) when the registry opens.
 *
 * <p>Thread-safe: creation and deletion are serialised on the registry; metadata changes on the stream's lock.
 */
public final class DeliveryStreamRegistry {
    private static final String STREAM_PREFIX = "firehose/stream/";
    private static final String CHECKPOINT_PREFIX = "firehose/delivered/";
    private static final String ENCRYPTION_PREFIX = "firehose/encryption/";

    private final LogStore store;
    private final MetadataStore metadataStore;
    private final int maxStreamsPerRegion;
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<DeliveryStreamKey, DeliveryStream> streams = new ConcurrentHashMap<>();

    public DeliveryStreamRegistry(LogStore store, int maxStreamsPerRegion) {
        this.store = store;
        this.metadataStore = store.metadata();
        this.maxStreamsPerRegion = maxStreamsPerRegion;
        Map<String, byte[]> stored = metadataStore.loadAll();
        stored.forEach((key, value) -> {
            if (key.startsWith(STREAM_PREFIX)) {
                DeliveryStreamMetadata metadata = decode(value);
                DeliveryStream stream = open(metadata);
                byte[] encryption = stored.get(encryptionKey(metadata.key()));
                if (encryption != null) {
                    stream.replaceEncryption(decode(encryption, DeliveryStreamEncryption.class));
                }
                streams.put(metadata.key(), stream);
            }
        });
    }

    private DeliveryStream open(DeliveryStreamMetadata metadata) {
        RecordBuffer buffer = RecordBuffer.open(store.openShard(metadata.logKey(), 0), metadataStore,
                CHECKPOINT_PREFIX + metadata.logKey());
        return new DeliveryStream(metadata, buffer);
    }

    /** Stores and opens a new stream; ResourceInUse for a taken name, LimitExceeded past the per-region quota. */
    public synchronized DeliveryStream create(DeliveryStreamMetadata metadata) {
        if (streams.containsKey(metadata.key())) {
            // [UNVERIFIED] wording as commonly reported for AWS.
            throw FirehoseError.RESOURCE_IN_USE.exception("Firehose %s under accountId %s already exists.",
                    metadata.name(), metadata.accountId());
        }
        if (list(metadata.accountId(), metadata.region()).size() >= maxStreamsPerRegion) {
            // [UNVERIFIED] own wording; the quota is the model's 5,000 per region.
            throw FirehoseError.LIMIT_EXCEEDED.exception(
                    "You have already consumed your firehose quota of %d hoses.", maxStreamsPerRegion);
        }
        metadataStore.put(storeKey(metadata.key()), encode(metadata));
        DeliveryStream stream = open(metadata);
        streams.put(metadata.key(), stream);
        return stream;
    }

    /** The stream, or ResourceNotFoundException. */
    public DeliveryStream require(DeliveryStreamKey key) {
        DeliveryStream stream = streams.get(key);
        if (stream == null) {
            throw notFound(key);
        }
        return stream;
    }

    /** [UNVERIFIED] wording as commonly reported for AWS. */
    public static ApiException notFound(DeliveryStreamKey key) {
        return FirehoseError.RESOURCE_NOT_FOUND.exception("Firehose %s under account %s not found.", key.name(),
                key.accountId());
    }

    /** Applies {@code change} to the stream's metadata under its lock and persists the result before publishing it. */
    public DeliveryStreamMetadata update(DeliveryStream stream, UnaryOperator<DeliveryStreamMetadata> change) {
        stream.lock().lock();
        try {
            if (stream.isDeleted()) {
                throw notFound(stream.metadata().key());
            }
            DeliveryStreamMetadata next = change.apply(stream.metadata());
            metadataStore.put(storeKey(next.key()), encode(next));
            stream.replaceMetadata(next);
            return next;
        } finally {
            stream.lock().unlock();
        }
    }

    /**
     * Applies {@code change} to the stream's encryption under its lock and persists the result before publishing it.
     */
    public DeliveryStreamEncryption updateEncryption(DeliveryStream stream,
                                                     UnaryOperator<DeliveryStreamEncryption> change) {
        stream.lock().lock();
        try {
            if (stream.isDeleted()) {
                throw notFound(stream.metadata().key());
            }
            DeliveryStreamEncryption next = change.apply(stream.encryption());
            metadataStore.put(encryptionKey(stream.metadata().key()), encode(next));
            stream.replaceEncryption(next);
            return next;
        } finally {
            stream.lock().unlock();
        }
    }

    /** The master keys buffers are encrypted at rest with, by KMS key id. */
    public KeyRing keyRing() {
        return store.keyRing();
    }

    /** Removes the stream, its checkpoint and its buffer log. */
    public synchronized void delete(DeliveryStream stream) {
        stream.lock().lock();
        try {
            DeliveryStreamMetadata metadata = stream.metadata();
            metadataStore.remove(storeKey(metadata.key()));
            metadataStore.remove(encryptionKey(metadata.key()));
            metadataStore.remove(SourcePositions.KEY_PREFIX + metadata.logKey());
            streams.remove(metadata.key(), stream);
            stream.markDeleted();
            stream.buffer().discard();
            store.deleteStream(metadata.logKey());
        } finally {
            stream.lock().unlock();
        }
    }

    /** The streams of one account and region, sorted by name. */
    public List<DeliveryStream> list(String accountId, String region) {
        List<DeliveryStream> result = new ArrayList<>();
        for (DeliveryStream stream : streams.values()) {
            DeliveryStreamKey key = stream.metadata().key();
            if (key.accountId().equals(accountId) && key.region().equals(region)) {
                result.add(stream);
            }
        }
        result.sort((a, b) -> a.metadata().name().compareTo(b.metadata().name()));
        return result;
    }

    public Collection<DeliveryStream> all() {
        return List.copyOf(streams.values());
    }

    private static String storeKey(DeliveryStreamKey key) {
        return STREAM_PREFIX + key.accountId() + "/" + key.region() + "/" + key.name();
    }

    private static String encryptionKey(DeliveryStreamKey key) {
        return ENCRYPTION_PREFIX + key.accountId() + "/" + key.region() + "/" + key.name();
    }

    private byte[] encode(Object metadata) {
        try {
            return json.writeValueAsBytes(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode delivery stream metadata", e);
        }
    }

    private <T> T decode(byte[] value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }

    private DeliveryStreamMetadata decode(byte[] value) {
        try {
            return json.readValue(value, DeliveryStreamMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode delivery stream metadata", e);
        }
    }
}
