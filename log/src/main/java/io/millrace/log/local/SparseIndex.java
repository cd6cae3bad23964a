package io.millrace.log.local;

import java.util.Arrays;

/**
 * The in-memory sparse index of one segment: every {@code indexIntervalBytes} of batches (and always the first
 * batch) it remembers a batch's base position, file offset and arrival time. Because arrival times never go
 * backwards within a log, the same entries serve both position and timestamp lookups by binary search. It is
 * rebuilt from batch headers on open, never persisted, so it can never disagree with the segment.
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
