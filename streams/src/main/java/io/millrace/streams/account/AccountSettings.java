package io.millrace.streams.account;

import io.millrace.log.MetadataStore;
import io.millrace.streams.stream.SharedEntries;

import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Account-level settings of every account and region served: so far the {@link BillingCommitment}. Persisted as
 * JSON in the {@link MetadataStore} on every change through {@link SharedEntries}, so gateways sharing the store
 * see each other's changes and apply each exactly once.
 *
 * <p>Thread safety: reads are lock-free; changes hold the instance's monitor and persist before they are visible.
 */
public final class AccountSettings {
    private static final String KEY_PREFIX = "kinesis/account/";

    private final Clock clock;
    private final SharedEntries<BillingCommitment> commitments;

    public AccountSettings(MetadataStore store, Clock clock) {
        this.clock = clock;
        this.commitments = SharedEntries.ofJson(store, KEY_PREFIX, BillingCommitment.class);
    }

    /** The commitment of an account in a region as of now. */
    public BillingCommitment commitment(String accountId, String region) {
        return commitments.get(name(accountId, region)).orElse(BillingCommitment.NEVER).at(clock.millis());
    }

    /** Applies {@code change} to the commitment, persists and returns the result. */
    public synchronized BillingCommitment updateCommitment(String accountId, String region,
            UnaryOperator<BillingCommitment> change) {
        return commitments.update(name(accountId, region),
                stored -> change.apply((stored == null ? BillingCommitment.NEVER : stored).at(clock.millis())));
    }

    private static String name(String accountId, String region) {
        return accountId + "/" + region;
    }
}
