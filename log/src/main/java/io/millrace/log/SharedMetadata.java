package io.millrace.log;

/**
 * A {@link MetadataStore} that several processes (gateways) share. Besides the plain puts of its parent interface it
 * offers versioned entries that change only by compare-and-set, so that two processes changing the same entry from
 * the same starting point cannot both succeed (no lost update), and it tells every process about every accepted
 * change, in one order all of them agree on.
 *
 * <p>Versioned keys and plain keys are separate: a key is written either only by {@link #compareAndSet} or only by
 * {@link #put}/{@link #remove}.
 *
 * <p>Thread safety: implementations are thread-safe; listeners are called from one thread at a time, in order.
 */
public interface SharedMetadata {

    /** A versioned entry: version 0 and a {@code null} value when it was never written; a removal keeps its version. */
    record Versioned(long version, byte[] value) {
        public static final Versioned ABSENT = new Versioned(0, null);
    }

    /**
     * Hears accepted changes of versioned entries. It runs on the process's metadata reader, which nothing else
     * advances meanwhile, so it should be quick. A listener that fails with a fault that may pass (a
     * {@link StorageException} of kind IO or STORAGE_FULL) may be told the same change again until it takes it, so
     * taking a change it already has must do no harm.
     */
    interface Listener {
        /** {@code key} now has {@code version} and {@code value} ({@code null}: removed). */
        void onChanged(String key, long version, byte[] value);
    }

    /**
     * Calls {@code listener} for every versioned entry under {@code keyPrefix} that currently has a value, on the
     * calling thread, then for every later accepted change under that prefix, on the store's reader thread.
     */
    void watch(String keyPrefix, Listener listener);

    /**
     * The versioned entry as this process has read it so far. A version shows here only after every listener of this
     * process has been told of it, so a caller that reads the version and then what its listeners keep sees that
     * version's value or a newer one, never an older one: a change computed on it and proposed from that version
     * can only lose when the value was newer.
     */
    Versioned current(String key);

    /**
     * Sets {@code key} to {@code value} ({@code null}: removes it) if its version is still {@code expectedVersion},
     * giving it a higher version. Returns whether the change was accepted; either way, when this returns, this
     * process's listeners have been told of the change that won.
     */
    boolean compareAndSet(String key, long expectedVersion, byte[] value);
}
