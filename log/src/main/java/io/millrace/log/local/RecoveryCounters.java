package io.millrace.log.local;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How much work opening logs took: segments whose persisted index was trusted as is, segments that had to be
 * read, and how many bytes those reads covered. Lets tests prove that a clean restart reads no batches, and
 * operators see what a restart cost.
 *
 * <p>Thread safety: counters are atomic; any thread may update and read them.
 */
public final class RecoveryCounters {
    private final AtomicLong segmentsTrusted = new AtomicLong();
    private final AtomicLong segmentsScanned = new AtomicLong();
    private final AtomicLong bytesScanned = new AtomicLong();

    void onSegmentTrusted() {
        segmentsTrusted.incrementAndGet();
    }

    void onSegmentScanned(long bytes) {
        segmentsScanned.incrementAndGet();
        bytesScanned.addAndGet(bytes);
    }

    /** Segments opened from their index file without reading a batch. */
    public long segmentsTrusted() {
        return segmentsTrusted.get();
    }

    /** Segments (or tails of the newest segment) that were read batch by batch. */
    public long segmentsScanned() {
        return segmentsScanned.get();
    }

    /** Bytes of batches read while opening. */
    public long bytesScanned() {
        return bytesScanned.get();
    }
}
