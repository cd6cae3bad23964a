package io.millrace.log.local;

import io.millrace.log.LogStore;
import io.millrace.log.MetadataStore;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.crypto.KeyRing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The durable {@link LogStore} on a local directory:
 * <pre>
 * dataDir/lock                                      held while open, so two processes never share a directory
 * dataDir/keyring                                   the provisioning {@link KeyRing} when none is given (0600)
 * dataDir/meta/&lt;escaped key&gt;.meta                    {@link LocalMetadataStore}
 * dataDir/streams/&lt;streamKey&gt;/&lt;shard, 12 digits&gt;/&lt;base position, 20 digits&gt;.log
 * </pre>
 * One {@link GroupCommitter} thread forces the logs of every stream (in {@link Durability#NONE} mode one
 * {@link Checkpointer} thread instead forces and checkpoints them in the background, for recovery's sake), and
 * one {@link ChannelCache} bounds the segment files open across all of them.
 *
 * <p>Thread safety: every method may be called from any thread; opening, deleting and closing synchronise on
 * the store (they are rare), while the returned logs are used without touching it.
 */
public final class LocalLogStore implements LogStore {
    /** The provisioning key ring's file in the data directory. */
    public static final String KEYRING_FILE = "keyring";
    private static final Pattern STREAM_KEY = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final Path streamsDir;
    private final LocalLogConfig config;
    private final LocalMetadataStore metadata;
    private final GroupCommitter committer;
    private final Checkpointer checkpointer;
    private final FileChannel lockChannel;
    private final ChannelCache channels;
    private final BatchCipher cipher;
    private final RecoveryCounters recoveryCounters = new RecoveryCounters();
    private final Map<String, Map<Integer, SegmentedShardLog>> streams = new HashMap<>();
    private boolean closed;

    private LocalLogStore(Path dataDir, LocalLogConfig config, FileChannel lockChannel, KeyRing keyRing) {
        this.cipher = new BatchCipher(keyRing == null ? KeyRing.openOrCreate(dataDir.resolve(KEYRING_FILE)) : keyRing);
        this.streamsDir = dataDir.resolve("streams");
        this.config = config;
        this.lockChannel = lockChannel;
        this.metadata = LocalMetadataStore.open(dataDir.resolve("meta"));
        this.channels = new ChannelCache(config.maxOpenFiles(), config.durability() != Durability.NONE);
        this.committer = switch (config.durability()) {
            case FSYNC -> new GroupCommitter(FlushPolicy.immediate(), System::nanoTime, "millrace-group-commit");
            case INTERVAL -> new GroupCommitter(FlushPolicy.every(config.flushIntervalMs()), System::nanoTime,
                    "millrace-interval-flush");
            case NONE -> null;
        };
        this.checkpointer = config.durability() == Durability.NONE ? new Checkpointer("millrace-checkpoint") : null;
    }

    /**
     * Opens the store in {@code dataDir}, creating it if needed. Shard logs are opened (and recovered) lazily by
     * {@link #openShard}.
     *
     * @throws StorageException if the directory cannot be used or another process holds it
     */
    public static LocalLogStore open(Path dataDir, LocalLogConfig config) {
        return open(dataDir, config, null);
    }

    /**
     * As {@link #open(Path, LocalLogConfig)}, encrypting at rest with the master keys of {@code keyRing}; when it is
     * null, with the provisioning key ring kept in {@code dataDir/keyring} ({@link KeyRing#openOrCreate}).
     */
    public static LocalLogStore open(Path dataDir, LocalLogConfig config, KeyRing keyRing) {
        FileChannel lockChannel = null;
        try {
            DurableFiles.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new StorageException(StorageException.Kind.IO, "data directory " + dataDir
                        + " is in use by another process", null);
            }
            return new LocalLogStore(dataDir, config, lockChannel, keyRing);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw StorageFaults.from("open data directory " + dataDir, e);
        } catch (OverlappingFileLockException e) {
            closeQuietly(lockChannel);
            throw new StorageException(StorageException.Kind.IO, "data directory " + dataDir
                    + " is already open in this process", e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    @Override
    public synchronized ShardLog openShard(String streamKey, int shardIndex) {
        ensureOpen();
        Path dir = shardDir(streamKey, shardIndex);
        Map<Integer, SegmentedShardLog> logs = streams.computeIfAbsent(streamKey, k -> new HashMap<>());
        SegmentedShardLog log = logs.get(shardIndex);
        if (log == null || log.isClosed()) {
            log = SegmentedShardLog.open(dir, config, committer, checkpointer, channels, recoveryCounters,
                    cipher);
            logs.put(shardIndex, log);
        }
        return log;
    }

    @Override
    public synchronized void deleteStream(String streamKey) {
        ensureOpen();
        Path dir = streamsDir.resolve(validStreamKey(streamKey));
        Map<Integer, SegmentedShardLog> logs = streams.remove(streamKey);
        if (logs != null) {
            logs.values().forEach(SegmentedShardLog::close);
        }
        try {
            DurableFiles.deleteRecursively(dir);
            DurableFiles.fsyncDirectory(streamsDir);
        } catch (IOException e) {
            throw StorageFaults.from("delete stream " + streamKey, e);
        }
    }

    /** The work that opening shard logs has taken so far (segments trusted from their index vs. scanned). */
    public RecoveryCounters recoveryCounters() {
        return recoveryCounters;
    }

    /** Waits until the background checkpoints queued so far (NONE mode) are written; for tests. */
    void awaitBackgroundCheckpoints() {
        if (checkpointer != null) {
            checkpointer.awaitIdle();
        }
    }

    /** Segment files open right now, across every shard of the store. */
    public int openSegmentFiles() {
        return channels.openCount();
    }

    @Override
    public KeyRing keyRing() {
        return cipher.keys();
    }

    @Override
    public MetadataStore metadata() {
        return metadata;
    }

    /** Closes (and so forces) every open log, stops the flusher and releases the directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            streams.values().forEach(logs -> logs.values().forEach(SegmentedShardLog::close));
            streams.clear();
        } finally {
            if (committer != null) {
                committer.close();
            }
            if (checkpointer != null) {
                checkpointer.close();
            }
            metadata.close();
            closeQuietly(lockChannel);
        }
    }

    private Path shardDir(String streamKey, int shardIndex) {
        if (shardIndex < 0) {
            throw new IllegalArgumentException("shardIndex: " + shardIndex + " (expected: >= 0)");
        }
        return streamsDir.resolve(validStreamKey(streamKey)).resolve(String.format("%012d", shardIndex));
    }

    /** Stream keys become directory names, so only a safe alphabet is accepted, and never "." or "..". */
    static String validStreamKey(String streamKey) {
        if (!STREAM_KEY.matcher(streamKey).matches() || streamKey.equals(".") || streamKey.equals("..")) {
            throw new IllegalArgumentException("streamKey: " + streamKey
                    + " (expected: 1 to 200 of [A-Za-z0-9._-], not . or ..)");
        }
        return streamKey;
    }

    private void ensureOpen() {
        if (closed) {
            throw StorageFaults.closed("log store");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // releasing the lock file cannot lose data
        }
    }
}
