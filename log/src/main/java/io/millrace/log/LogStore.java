package io.millrace.log;

/**
 * The storage SPI's entry point: opens shard logs and the metadata store. A stream's logs live under a
 * {@code streamKey} chosen by the engine, unique across re-creations of a stream with the same name.
 */
public interface LogStore extends AutoCloseable {

    /** Opens (creating if needed) the log of shard {@code shardIndex} of the stream stored under {@code streamKey}. */
    ShardLog openShard(String streamKey, int shardIndex);

    /** Closes and deletes every log of the stream stored under {@code streamKey}, freeing its disk. */
    void deleteStream(String streamKey);

    /**
     * The master keys this backend encrypts at rest with ({@link ShardLog#append(java.util.List, long, String)}).
     * The default knows no key, for backends that cannot encrypt: engines then refuse to turn encryption on.
     */
    default io.millrace.log.crypto.KeyRing keyRing() {
        return io.millrace.log.crypto.KeyRing.empty();
    }

    /** The metadata store of this backend. */
    MetadataStore metadata();

    @Override
    void close();
}
