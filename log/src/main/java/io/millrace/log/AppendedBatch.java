package io.millrace.log;

import java.util.Arrays;

/**
 * Where the records of one {@link ShardLog#append} landed: each record's position and arrival time, known once the
 * batch is durable. A log that assigns a contiguous range and one arrival time up front (local, in-memory) uses
 * {@link #contiguous}; a log whose positions and times come back from a remote broker per record (Kafka: offsets and
 * LogAppendTime) uses {@link #ofEach}, since there the records of one append may be split over several broker
 * batches with different times.
 *
 * <p>Immutable and thread-safe.
 */
public final class AppendedBatch {
    private final long firstPosition;
    private final long sharedArrivalMs;
    /** {@code null} when positions are {@code firstPosition + index}. */
    private final long[] positions;
    /** {@code null} when every record arrived at {@code sharedArrivalMs}. */
    private final long[] arrivalsMs;

    private AppendedBatch(long firstPosition, long sharedArrivalMs, long[] positions, long[] arrivalsMs) {
        this.firstPosition = firstPosition;
        this.sharedArrivalMs = sharedArrivalMs;
        this.positions = positions;
        this.arrivalsMs = arrivalsMs;
    }

    /** Records at {@code firstPosition, firstPosition + 1, ...}, all arriving at {@code arrivalMs}. */
    public static AppendedBatch contiguous(long firstPosition, long arrivalMs) {
        return new AppendedBatch(firstPosition, arrivalMs, null, null);
    }

    /** Record {@code i} at {@code positions[i]}, arriving at {@code arrivalsMs[i]}; the arrays are not copied. */
    public static AppendedBatch ofEach(long[] positions, long[] arrivalsMs) {
        if (positions.length != arrivalsMs.length || positions.length == 0) {
            throw new IllegalArgumentException("positions: " + positions.length + ", arrivalsMs: " + arrivalsMs.length
                    + " (expected: the same non-zero length)");
        }
        return new AppendedBatch(positions[0], arrivalsMs[0], positions, arrivalsMs);
    }

    /** The position of the batch's first record. */
    public long firstPosition() {
        return firstPosition;
    }

    /** The position of record {@code index} of the batch (in append order). */
    public long position(int index) {
        return positions == null ? firstPosition + index : positions[index];
    }

    /** The arrival time the log gave record {@code index} of the batch. */
    public long arrivalMs(int index) {
        return arrivalsMs == null ? sharedArrivalMs : arrivalsMs[index];
    }

    @Override
    public String toString() {
        return positions == null
                ? "AppendedBatch[from " + firstPosition + " at " + sharedArrivalMs + "]"
                : "AppendedBatch[" + Arrays.toString(positions) + " at " + Arrays.toString(arrivalsMs) + "]";
    }
}
