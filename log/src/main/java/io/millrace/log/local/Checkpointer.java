package io.millrace.log.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The background thread that, in {@link Durability#NONE} mode, forces segments and then checkpoints their
 * indexes, so a crash leaves at most the active segment's unindexed tail to verify on restart. Appends never
 * wait for it: they only queue work (one task per roll, one per {@link SegmentedShardLog#CHECKPOINT_INTERVAL_BYTES}
 * of growth). In the other modes the {@link GroupCommitter} does this as part of its forces.
 *
 * <p>Thread safety: {@link #submit} may be called from any thread; tasks run one at a time on the one thread.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final ExecutorService thread;

    Checkpointer(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Forces {@code segment} and then checkpoints the prefix {@code extent} describes (read under the log's
     * append lock, so it is consistent). The force comes first because a checkpoint says "trust these bytes".
     */
    void submit(LogSegment segment, LogSegment.Extent extent) {
        try {
            thread.execute(() -> forceAndCheckpoint(segment, extent));
        } catch (RejectedExecutionException e) {
            // Closing: the log's own close forces and checkpoints every segment.
        }
    }

    private static void forceAndCheckpoint(LogSegment segment, LogSegment.Extent extent) {
        if (segment.isClosed()) {
            return;
        }
        try {
            segment.force();
        } catch (ClosedChannelException e) {
            return; // trimmed, deleted or closed meanwhile: nothing left to describe
        } catch (IOException e) {
            LOG.warn("could not force {} for its index checkpoint; a restart will scan it: {}", segment.file(),
                    e.toString());
            return;
        }
        segment.checkpoint(extent);
    }

    /** Waits until every task submitted before this call has run; for tests. */
    void awaitIdle() {
        try {
            thread.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // a no-op cannot fail; a closed checkpointer is idle
        }
    }

    /** Stops the thread after the queued tasks. Logs must have been closed (and so checkpointed) before. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
