package io.millrace.log.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The one flusher thread of a {@link LocalLogStore} (BookKeeper's journal idea): appenders hand it the logs they
 * made dirty; each cycle it drains every dirty log and asks it to force once and complete the durability futures
 * that force covered. Appends arriving while a force runs join the next cycle, so concurrent writers share
 * forces. {@link FlushPolicy} decides when a cycle is due. When nothing is dirty the thread parks without a
 * timeout; the appender that makes a log dirty unparks it.
 *
 * <p>With {@link FlushPolicy#immediate()}, an appender that finds no cycle running runs one itself, on its own
 * thread, before {@link #onAppend} returns: its write is then durable without waking the flusher thread, which on an
 * idle machine is the largest share of a small write's latency (a parked thread waits for a halted CPU). Only one
 * cycle runs at a time; appends that arrive meanwhile are left to the flusher thread, so an appender leads at most
 * one cycle and a busy store is flushed as before.
 *
 * <p>Thread safety: {@link #onAppend} may be called from any thread; cycles never overlap (one flag guards them),
 * whichever thread runs them.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final long NONE = Long.MIN_VALUE;

    /** A log the committer can force; {@link #flush()} must not throw. */
    interface Flushable {
        /** Forces what has been written so far and completes the futures it covers. */
        void flush();
    }

    private final FlushPolicy policy;
    private final LongSupplier nanoClock;
    private final ConcurrentLinkedQueue<Flushable> dirty = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong oldestPendingNs = new AtomicLong(NONE);
    private final Thread thread;
    /** Whether appenders run a cycle themselves when none is running (immediate policy only). */
    private final boolean isLedByAppenders;
    /** Held by whichever thread runs the current cycle. */
    private final AtomicBoolean isFlushing = new AtomicBoolean();
    private final List<Flushable> cycle = new ArrayList<>();
    private volatile boolean running = true;

    GroupCommitter(FlushPolicy policy, LongSupplier nanoClock, String threadName) {
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.isLedByAppenders = policy.equals(FlushPolicy.immediate());
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Notes {@code bytes} appended to {@code log}. The caller passes {@code newlyDirty = true} only when the log
     * was clean before (it dedupes with its own flag), so each dirty log is queued once per cycle.
     */
    void onAppend(Flushable log, long bytes, boolean newlyDirty) {
        pendingBytes.addAndGet(bytes);
        oldestPendingNs.compareAndSet(NONE, nanoClock.getAsLong());
        if (newlyDirty) {
            dirty.add(log);
            if (!isLedByAppenders) {
                LockSupport.unpark(thread);
            }
        }
        if (isLedByAppenders) {
            // If a cycle is running, whoever runs it looks for dirty logs once it ends: this one is not stranded.
            tryCycle();
        }
    }

    /**
     * Runs one cycle on this thread unless one is running; afterwards hands what became dirty meanwhile to the
     * flusher thread. The flag is released before that look, so an appender that found it held added its log
     * before the look (and sees it is not stranded).
     */
    private boolean tryCycle() {
        if (!isFlushing.compareAndSet(false, true)) {
            return false;
        }
        try {
            runCycle();
        } finally {
            isFlushing.set(false);
        }
        if (!dirty.isEmpty()) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    private void run() {
        while (running) {
            if (dirty.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            long nowNs = nanoClock.getAsLong();
            oldestPendingNs.compareAndSet(NONE, nowNs);
            long oldestNs = oldestPendingNs.get();
            // A queued log is at least one pending byte even if its bytes were counted in an earlier cycle.
            if (!policy.shouldFlush(Math.max(1, pendingBytes.get()), oldestNs, nowNs)) {
                LockSupport.parkNanos(this, policy.nanosUntilDue(oldestNs, nowNs));
                continue;
            }
            if (!tryCycle()) {
                // An appender runs a cycle; it unparks this thread if anything is dirty once it ends.
                LockSupport.park(this);
            }
        }
    }

    /** One cycle: every log dirty now is forced once. Under {@link #isFlushing}. */
    private void runCycle() {
        pendingBytes.set(0);
        oldestPendingNs.set(NONE);
        for (Flushable log = dirty.poll(); log != null; log = dirty.poll()) {
            cycle.add(log);
        }
        flushAll(cycle);
        cycle.clear();
    }

    private static void flushAll(List<Flushable> logs) {
        for (Flushable log : logs) {
            try {
                log.flush();
            } catch (RuntimeException | Error e) {
                // flush() reports faults through the futures; anything escaping is a bug, not a reason to stop.
                LOG.error("unexpected failure while forcing a log", e);
            }
        }
    }

    /** Stops the thread after its current cycle. Logs must have been closed (and so forced) before. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
