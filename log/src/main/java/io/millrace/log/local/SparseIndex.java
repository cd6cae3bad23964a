package io.millrace.log.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-memory sparse index of one segment: every {@code indexIntervalBytes} of batches (and always the first
 * batch) it remembers a batch's base position, file offset and arrival time. Because arrival times never go
 * backwards within a log, the same entries serve both position and timestamp lookups by binary search. It is
 * checkpointed to an {@link IndexFile} when its segment is sealed or closed cleanly, and rebuilt from batch
 * headers when no trustworthy checkpoint exists.
 *
 * <p>Thread safety: the owning log's appender adds entries while readers look up; every method is synchronised
 * on the index, and no method does I/O, so readers hold the monitor only for a binary search.
 */
final class SparseIndex {
    /** One indexed batch. */
    record Entry(long position, long fileOffset, long arrivalMs) {
    }

    private final int intervalBytes;
    private long[] positions = new long[16];
    private long[] fileOffsets = new long[16];
    private long[] arrivalsMs = new long[16];
    private int count;

    SparseIndex(int intervalBytes) {
        this.intervalBytes = intervalBytes;
    }

    /** Records the batch at {@code fileOffset} if it is the first or far enough from the last entry. */
    synchronized void onBatch(long position, long fileOffset, long arrivalMs) {
        if (count > 0 && fileOffset - fileOffsets[count - 1] < intervalBytes) {
            return;
        }
        restore(position, fileOffset, arrivalMs);
    }

    /** Adds an entry read from a checkpoint; entries must come in increasing position order. */
    synchronized void restore(long position, long fileOffset, long arrivalMs) {
        if (count == positions.length) {
            positions = Arrays.copyOf(positions, count * 2);
            fileOffsets = Arrays.copyOf(fileOffsets, count * 2);
            arrivalsMs = Arrays.copyOf(arrivalsMs, count * 2);
        }
        positions[count] = position;
        fileOffsets[count] = fileOffset;
        arrivalsMs[count] = arrivalMs;
        count++;
    }

    /** Copies of the first {@code count} entries, for checkpointing. */
    synchronized List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(entry(i));
        }
        return entries;
    }

    /** The last entry whose position is {@code <= position}, or null if there is none. */
    synchronized Entry floorByPosition(long position) {
        int index = lastIndexBelow(positions, position + 1);
        return index < 0 ? null : entry(index);
    }

    /** The last entry whose arrival time is {@code < timestampMs}, or null if there is none. */
    synchronized Entry lastArrivingBefore(long timestampMs) {
        int index = lastIndexBelow(arrivalsMs, timestampMs);
        return index < 0 ? null : entry(index);
    }

    synchronized int size() {
        return count;
    }

    private Entry entry(int index) {
        return new Entry(positions[index], fileOffsets[index], arrivalsMs[index]);
    }

    /** Index of the last element {@code < bound} in the sorted prefix, or -1. */
    private int lastIndexBelow(long[] sorted, long bound) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < bound) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low - 1;
    }
}
