package io.millrace.log.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open segment files of one {@link LocalLogStore}, least recently used first, so a node with thousands of
 * shards keeps a bounded number of file descriptors. Segments {@link #acquire} a channel for one I/O call and
 * {@link #release} it right after; only channels nobody holds are closed to make room, and they are reopened
 * on the next use. A file has at most one read channel and one write channel, so a reader interrupted during
 * I/O (which closes its channel) never breaks an append.
 *
 * <p>The bound is {@code maxOpenFiles} channels at rest. Channels in use are never closed under their user, so
 * while more than {@code maxOpenFiles} distinct files are in I/O at the same instant (more threads than the
 * bound) the count exceeds it briefly and falls back as soon as those calls release. Before an idle write
 * channel is closed it is forced (unless durability is {@link Durability#NONE}), so a write error is reported
 * on the descriptor that made it rather than lost when the descriptor goes away.
 *
 * <p>Thread safety: all methods may be called from any thread; the map is guarded by this object's monitor,
 * held only for map updates and {@code open} calls, never for reads, writes, forces or closes.
 */
final class ChannelCache {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelCache.class);

    /** Which channel of a file. */
    enum Mode { READ, WRITE }

    private record Key(Path file, Mode mode) {
    }

    /** An open channel and how many calls are using it right now. */
    private static final class Slot {
        final FileChannel channel;
        final Mode mode;
        int leases;

        Slot(FileChannel channel, Mode mode) {
            this.channel = channel;
            this.mode = mode;
        }
    }

    private final int maxOpenFiles;
    private final boolean forceOnEvict;
    private final LinkedHashMap<Key, Slot> slots = new LinkedHashMap<>(64, 0.75f, true);
    private long openCalls;

    ChannelCache(int maxOpenFiles, boolean forceOnEvict) {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles: " + maxOpenFiles + " (expected: >= 1)");
        }
        this.maxOpenFiles = maxOpenFiles;
        this.forceOnEvict = forceOnEvict;
    }

    /** An open channel on {@code file}; the caller must {@link #release} it after its I/O call. */
    FileChannel acquire(Path file, Mode mode) throws IOException {
        List<Slot> evicted;
        FileChannel channel;
        synchronized (this) {
            Key key = new Key(file, mode);
            Slot slot = slots.get(key);
            if (slot == null || !slot.channel.isOpen()) {
                slot = new Slot(mode == Mode.WRITE
                        ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                        : FileChannel.open(file, StandardOpenOption.READ), mode);
                openCalls++;
                slots.put(key, slot);
            }
            slot.leases++;
            channel = slot.channel;
            evicted = evictIdleOverBound();
        }
        closeAll(evicted);
        return channel;
    }

    /** Ends one use of a channel returned by {@link #acquire}. */
    void release(Path file, Mode mode, FileChannel channel) {
        List<Slot> evicted;
        synchronized (this) {
            Slot slot = slots.get(new Key(file, mode));
            if (slot == null || slot.channel != channel) {
                return; // replaced after an interrupt closed it, or invalidated: already closed
            }
            slot.leases--;
            evicted = evictIdleOverBound();
        }
        closeAll(evicted);
    }

    /** Closes both channels of {@code file} (its segment is closing or being deleted), even if in use. */
    void invalidate(Path file) {
        List<Slot> removed = new ArrayList<>(2);
        synchronized (this) {
            for (Mode mode : Mode.values()) {
                Slot slot = slots.remove(new Key(file, mode));
                if (slot != null) {
                    removed.add(slot);
                }
            }
        }
        for (Slot slot : removed) {
            closeQuietly(slot.channel);
        }
    }

    /** Channels open right now. */
    synchronized int openCount() {
        return slots.size();
    }

    /** How many times a file was opened, for tests of reuse. */
    synchronized long openCalls() {
        return openCalls;
    }

    private List<Slot> evictIdleOverBound() {
        if (slots.size() <= maxOpenFiles) {
            return List.of();
        }
        List<Slot> evicted = new ArrayList<>();
        Iterator<Map.Entry<Key, Slot>> it = slots.entrySet().iterator();
        while (slots.size() > maxOpenFiles && it.hasNext()) {
            Map.Entry<Key, Slot> entry = it.next();
            if (entry.getValue().leases == 0) {
                it.remove();
                evicted.add(entry.getValue());
            }
        }
        return evicted;
    }

    private void closeAll(List<Slot> evicted) {
        for (Slot slot : evicted) {
            if (forceOnEvict && slot.mode == Mode.WRITE && slot.channel.isOpen()) {
                try {
                    slot.channel.force(false);
                } catch (IOException e) {
                    // The batches it wrote were published already; the log's next force on a fresh descriptor
                    // may not see this error, so say it loudly.
                    LOG.error("forcing an idle segment before closing it failed", e);
                }
            }
            closeQuietly(slot.channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing written through this descriptor can be lost by closing it after force
        }
    }
}
