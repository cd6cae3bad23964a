package io.millrace.streams.account;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.log.MetadataStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Account-level settings of every account and region served: so far the {@link BillingCommitment}. Persisted as
 * JSON in the {@link MetadataStore} on every change and reloaded at start.
 *
 * <p>Thread safety: reads are lock-free; changes hold the instance's monitor and persist before they are visible.
 */
public final class AccountSettings {
    private static final String KEY_PREFIX = "kinesis/account/";

    private final MetadataStore store;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, BillingCommitment> commitments = new ConcurrentHashMap<>();

    public AccountSettings(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.loadAll().forEach((key, value) -> {
            if (key.startsWith(KEY_PREFIX)) {
                commitments.put(key, decode(value));
            }
        });
    }

    /** The commitment of an account in a region as of now. */
    public BillingCommitment commitment(String accountId, String region) {
        return commitments.getOrDefault(storeKey(accountId, region), BillingCommitment.NEVER).at(clock.millis());
    }

    /** Applies {@code change} to the commitment, persists and returns the result. */
    public synchronized BillingCommitment updateCommitment(String accountId, String region,
            UnaryOperator<BillingCommitment> change) {
        BillingCommitment changed = change.apply(commitment(accountId, region));
        String key = storeKey(accountId, region);
        store.put(key, encode(changed));
        commitments.put(key, changed);
        return changed;
    }

    private static String storeKey(String accountId, String region) {
        return KEY_PREFIX + accountId + "/" + region;
    }

    private byte[] encode(BillingCommitment commitment) {
        try {
            return mapper.writeValueAsBytes(commitment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BillingCommitment decode(byte[] json) {
        try {
            return mapper.readValue(json, BillingCommitment.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
